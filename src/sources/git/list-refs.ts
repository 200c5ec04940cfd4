import type { GitRepo } from './open-repo.js';
import { runGit } from './run-git.js';

export type Ref = { name: string; objectId: string; type: string };

/** Every ref: branches, tags, remote-tracking refs, refs/stash, notes, and anything else under refs/. */
export async function listRefs(repo: GitRepo): Promise<Ref[]> {
  const { stdout } = await runGit(repo, ['for-each-ref', '--format=%(objectname) %(objecttype) %(refname)']);
  return stdout
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [objectId, type, ...name] = line.split(' ');
      return { objectId: objectId!, type: type!, name: name.join(' ') };
    });
}

/** Older stash entries live only in the stash reflog; `--all` sees just the newest. */
export async function stashEntries(repo: GitRepo): Promise<string[]> {
  const { stdout, code } = await runGit(repo, ['rev-list', '--walk-reflogs', '--ignore-missing', 'refs/stash', '--'], { allowCodes: [128] });
  if (code !== 0) return [];
  return stdout.toString('utf8').split('\n').filter(Boolean);
}

/** The commit at HEAD (the default branch's tip in a fresh clone), or null in an empty repository. */
export async function headCommit(repo: GitRepo): Promise<string | null> {
  const { stdout, code } = await runGit(repo, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], { allowCodes: [1, 128] });
  return code === 0 ? stdout.toString('utf8').trim() : null;
}

/** Resolves a revision the user typed to a commit id; refuses option-like input before git sees it. */
export async function resolveRevision(repo: GitRepo, revision: string): Promise<string | null> {
  if (revision.startsWith('-')) return null;
  const { stdout, code } = await runGit(repo, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`], { allowCodes: [1, 128] });
  return code === 0 ? stdout.toString('utf8').trim() : null;
}

/**
 * Resolves many object ids to the commits they name (a tag is peeled), in one git process: a sweep
 * remembers hundreds of tips per repository, and one `rev-parse` each would cost a process per tag.
 * Anything that is not a plain object id, or names no commit, resolves to null.
 */
export async function resolveObjectIds(repo: GitRepo, ids: readonly string[]): Promise<Map<string, string | null>> {
  const resolved = new Map<string, string | null>();
  const plain = [...new Set(ids.filter((id) => /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(id)))];
  for (const id of ids) resolved.set(id, null);
  if (plain.length === 0) return resolved;
  const { stdout } = await runGit(repo, ['cat-file', '--batch-check=%(objectname) %(objecttype)'], { input: plain.map((id) => `${id}^{commit}\n`).join('') });
  const lines = stdout.toString('utf8').split('\n');
  plain.forEach((id, i) => {
    const [oid, type] = (lines[i] ?? '').split(' ');
    resolved.set(id, type === 'commit' && oid && /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(oid) ? oid : null);
  });
  return resolved;
}
