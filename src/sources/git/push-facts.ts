import { listRefs } from './list-refs.js';
import type { GitRepo } from './open-repo.js';
import { type PushUpdate, isNewRef } from './push-updates.js';
import { runGit } from './run-git.js';

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
  /**
   * The remote shas came from the server itself (git's pre-push input). The pre-commit framework derives
   * its FROM_REF from the tracking refs on a new branch, so it counts only when those describe the target.
   */
  remoteShasFromServer: boolean;
  extraTips: string[];
};

/**
 * Gathers what planPush needs: which remote shas exist here, the remote-tracking refs, and whether those
 * refs describe the push target (the URL git pushes to is the one they were fetched from).
 * `extraTips` are local refs to check too (see the pre-commit framework case in the pre-push hook).
 */
export async function gatherPushFacts(
  repo: GitRepo,
  push: { remote: string; url: string; updates: PushUpdate[]; extraTips: string[]; remoteShasFromServer: boolean },
): Promise<PushFacts> {
  const refs = await listRefs(repo);
  const prefix = `refs/remotes/${push.remote}/`;
  const underPrefix = refs.filter((r) => r.name.startsWith(prefix));
  // Another remote named "<remote>/x" keeps its refs under the same prefix: they are not this remote's.
  const nested = underPrefix.length === 0 ? [] : (await remoteNames(repo)).filter((name) => name.startsWith(`${push.remote}/`)).map((name) => `refs/remotes/${name}/`);
  const trackingRefs = underPrefix.filter((r) => !nested.some((n) => r.name.startsWith(n))).map((r) => r.objectId);
  return {
    remote: push.remote,
    updates: push.updates,
    remoteShasHere: await objectsHere(repo, push.updates.filter((u) => !isNewRef(u)).map((u) => u.remoteSha)),
    trackingRefs,
    // Asked of git only when it can matter: with no tracking refs and git's own remote shas, it bounds nothing.
    trackingRefsDescribeTarget: trackingRefs.length > 0 || !push.remoteShasFromServer ? await fetchedFromTarget(repo, push.remote, push.url) : false,
    remoteShasFromServer: push.remoteShasFromServer,
    extraTips: push.extraTips,
  };
}

async function remoteNames(repo: GitRepo): Promise<string[]> {
  const { stdout, code } = await runGit(repo, ['config', '--name-only', '--get-regexp', '^remote\\..*\\.url$'], { allowCodes: [1] });
  if (code !== 0) return [];
  return stdout.toString('utf8').split('\n').filter(Boolean).map((key) => key.slice('remote.'.length, -'.url'.length));
}

/** The given ids that name a commit or tag object in this repository. */
async function objectsHere(repo: GitRepo, ids: string[]): Promise<string[]> {
  const wanted = ids.filter((id) => /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(id));
  if (wanted.length === 0) return [];
  const { stdout } = await runGit(repo, ['cat-file', '--batch-check=%(objectname) %(objecttype)'], { input: wanted.map((id) => `${id}\n`).join('') });
  return stdout
    .toString('utf8')
    .split('\n')
    .map((line) => line.split(' '))
    .filter(([id, type]) => (type === 'commit' || type === 'tag') && wanted.includes(id!))
    .map(([id]) => id!);
}

/**
 * True when the remote's tracking refs were fetched from the URL being pushed to: the remote exists, has
 * push URLs that are its fetch URLs, and the URL git handed the hook is among them. Otherwise what refs/remotes/<name>/ holds says nothing about the server receiving the push.
 */
async function fetchedFromTarget(repo: GitRepo, remote: string, url: string): Promise<boolean> {
  // get-url applies url.<base>.insteadOf / pushInsteadOf, as git does for the URL it hands the hook.
  const urls = async (push: boolean) => {
    const { stdout, code } = await runGit(repo, ['remote', 'get-url', '--all', ...(push ? ['--push'] : []), '--end-of-options', remote], { allowCodes: [2, 128] });
    return code === 0 ? stdout.toString('utf8').split('\n').filter(Boolean) : [];
  };
  const fetchUrls = await urls(false);
  const pushUrls = await urls(true);
  // git fetches from the first url only: with several, the tracking refs describe that one server.
  return fetchUrls.length === 1 && pushUrls.length === 1 && pushUrls[0] === fetchUrls[0] && url === fetchUrls[0];
}
