import type { PushFacts } from '../sources/git/push-facts.js';
import { isDeletion, isNewRef } from '../sources/git/push-updates.js';
import type { HistoryPlan } from './plan-history.js';

/**
 * What a push adds: commits reachable from the pushed tips and from nothing the target already has.
 * "Already has" is every remote sha the push names that this repository holds, and, only when they
 * describe the push target, the remote-tracking refs; all of them are excluded together, which is right
 * because each one is on the target. A deletion adds nothing; a new branch or tag, or a force-push over a
 * commit never fetched, is bounded by what remains. Null when nothing is pushed. Pure: facts in, plan out.
 */
export function planPush(facts: PushFacts): HistoryPlan | null {
  const tips = [...facts.updates.filter((u) => !isDeletion(u)).map((u) => u.localSha), ...facts.extraTips];
  if (tips.length === 0) return null;
  const trustShas = facts.remoteShasFromServer || facts.trackingRefsDescribeTarget;
  // Stryker disable next-line MethodExpression,ArrayDeclaration: equivalent (named only filters remoteShasHere, which holds existing objects, never a zero sha)
  const named = new Set(trustShas ? facts.updates.filter((u) => !isNewRef(u)).map((u) => u.remoteSha) : []);
  const known = facts.remoteShasHere.filter((id) => named.has(id));
  const bounds = [...known, ...(facts.trackingRefsDescribeTarget ? facts.trackingRefs : [])];
  const negatives = [...new Set(bounds)].map((id) => `^${id}`);
  const revisions = [...new Set(tips), ...negatives];
  const refs = facts.updates.map((u) => u.remoteRef).filter(Boolean);
  return {
    selection: { kind: 'reachable', args: [], stdinRevisions: revisions },
    revisions: { args: [], stdin: revisions },
    label: `push to ${facts.remote}${refs.length ? ` (${refs.join(', ')})` : ''}`,
  };
}
