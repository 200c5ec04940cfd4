import { listRefs } from '../sources/git/list-refs.js';
import type { GitRepo } from '../sources/git/open-repo.js';
import { type PushUpdate, isDeletion, isNewRef } from '../sources/git/push-updates.js';
import { runGit } from '../sources/git/run-git.js';
import type { HistoryPlan } from './plan-history.js';

/**
 * What a push adds: commits reachable from the pushed tips and from nothing the remote already has.
 * "Already has" is every remote sha the push names (when this repository knows it) and every
 * remote-tracking ref of that remote; all of them are excluded together, which is right because each
 * one is on the remote. A deletion adds nothing; a new branch or tag, or a force-push over a commit we
 * never fetched, is bounded by the remote-tracking refs alone. Returns null when nothing is pushed.
 */
export async function planPush(repo: GitRepo, remote: string, updates: PushUpdate[]): Promise<HistoryPlan | null> {
  const tips = updates.filter((u) => !isDeletion(u)).map((u) => u.localSha);
  if (tips.length === 0) return null;
  const known = await knownObjects(repo, updates.filter((u) => !isNewRef(u)).map((u) => u.remoteSha));
  const prefix = `refs/remotes/${remote}/`;
  const remoteRefs = (await listRefs(repo)).filter((r) => r.name.startsWith(prefix)).map((r) => r.objectId);
  const negatives = [...new Set([...known, ...remoteRefs])].map((id) => `^${id}`);
  const revisions = [...new Set(tips), ...negatives];
  return {
    selection: { kind: 'reachable', args: [], stdinRevisions: revisions },
    revisions: { args: [], stdin: revisions },
    label: `push to ${remote} (${updates.map((u) => u.remoteRef).join(', ')})`,
  };
}

/** The remote shas this repository has (after a fetch it has them all; a force-push may name one it never saw). */
async function knownObjects(repo: GitRepo, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const { stdout } = await runGit(repo, ['cat-file', '--batch-check=%(objectname) %(objecttype)'], { input: ids.map((id) => `${id}\n`).join('') });
  return stdout
    .toString('utf8')
    .split('\n')
    .map((line) => line.split(' '))
    .filter(([, type]) => type === 'commit' || type === 'tag')
    .map(([id]) => id!);
}
