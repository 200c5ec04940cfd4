import { UsageError } from '../core/errors.js';
import { listRefs, resolveRevision } from '../sources/git/list-refs.js';
import type { GitRepo } from '../sources/git/open-repo.js';
import { type PushUpdate, ZERO_SHA, parsePushUpdates } from '../sources/git/push-updates.js';

/** What is being pushed, and how far what git or the hook manager said can be trusted (see planPush). */
export type PushRequest = { remote: string; url: string; updates: PushUpdate[]; extraTips: string[]; remoteShasFromServer: boolean; note: string | null };

/**
 * The push, from git's lines on standard input, or from what the pre-commit framework tells (it keeps
 * standard input to itself). Null when nothing is pushed.
 */
export async function pushRequest(repo: GitRepo, hookArgs: { remote: string; url: string }, input: string, env: Record<string, string | undefined>): Promise<PushRequest | null> {
  const updates = parsePushUpdates(input);
  if (updates.length > 0) return { ...hookArgs, updates, extraTips: [], remoteShasFromServer: true, note: null };
  if (!isPreCommitFramework(env)) return null;
  const remote = env.PRE_COMMIT_REMOTE_NAME || hookArgs.remote;
  const url = env.PRE_COMMIT_REMOTE_URL ?? hookArgs.url;
  const localRef = env.PRE_COMMIT_LOCAL_BRANCH || 'HEAD';
  let update: PushUpdate;
  if (env.PRE_COMMIT_TO_REF) {
    const to = await resolveRevision(repo, env.PRE_COMMIT_TO_REF);
    if (!to) throw new UsageError(`PRE_COMMIT_TO_REF ${env.PRE_COMMIT_TO_REF} is not a commit here`);
    const from = env.PRE_COMMIT_FROM_REF ? await resolveRevision(repo, env.PRE_COMMIT_FROM_REF) : null;
    update = { localRef, localSha: to, remoteRef: env.PRE_COMMIT_REMOTE_BRANCH ?? '', remoteSha: from ?? ZERO_SHA };
  } else {
    // The framework's first push of a branch that includes the root commit: no range at all, only names.
    const local = await resolveRevision(repo, localRef);
    if (!local) {
      throw new UsageError('the pre-commit framework named no commits for this push (no PRE_COMMIT_TO_REF, no usable PRE_COMMIT_LOCAL_BRANCH): cannot tell what is pushed, so the push is blocked');
    }
    update = { localRef, localSha: local, remoteRef: env.PRE_COMMIT_REMOTE_BRANCH ?? '', remoteSha: ZERO_SHA };
  }
  // The framework passes only the first pushed ref: every local branch and tag the remote lacks is checked too.
  const extraTips = (await listRefs(repo)).filter((r) => r.name.startsWith('refs/heads/') || r.name.startsWith('refs/tags/')).map((r) => r.objectId);
  return {
    remote,
    url,
    updates: [update],
    extraTips,
    remoteShasFromServer: false,
    note: 'pre-commit framework: it passes only the first pushed ref, so every local branch and tag the remote lacks was checked',
  };
}

/** pre-commit sets PRE_COMMIT=1 for its hooks, and the PRE_COMMIT_* push variables in its pre-push stage. */
function isPreCommitFramework(env: Record<string, string | undefined>): boolean {
  return env.PRE_COMMIT === '1' || Boolean(env.PRE_COMMIT_REMOTE_NAME || env.PRE_COMMIT_TO_REF || env.PRE_COMMIT_LOCAL_BRANCH);
}
