import { type PushUpdate, isDeletion, isNewRef } from '../sources/git/push-updates.js';
import type { HistoryPlan } from './plan-history.js';

/**
 * What the repository knows about a push, gathered with git before planning (see push-facts.ts).
 * `remoteShasHere`: the remote shas named by the updates that exist in this repository (after a fetch
 * it has them all; a force-push may name one it never saw). `trackingRefs`: the shas of
 * refs/remotes/<remote>/*. `trackingRefsDescribeTarget`: those refs were fetched from the server being
 * pushed to (false when remote.<name>.pushurl differs from its url, or when pushing to a bare URL).
 * `extraTips`: local refs to check besides the updates, when the updates are known to be incomplete.
 */
export type PushFacts = {
  remote: string;
  updates: PushUpdate[];
  remoteShasHere: string[];
  trackingRefs: string[];
  trackingRefsDescribeTarget: boolean;
  extraTips: string[];
};

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
  const named = new Set(facts.updates.filter((u) => !isNewRef(u)).map((u) => u.remoteSha));
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
