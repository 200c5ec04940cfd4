import type { GitRepo } from './open-repo.js';
import { runGit } from './run-git.js';

/** A commit that added a blob at a path, with what an owner wants to know about it. */
export type Introduction = { commit: string; path: string; author: string; email: string; date: string; message: string };

export type CommitInfo = Omit<Introduction, 'path'>;

const RECORD = '\u0001\u0002';
const FORMAT = `--format=${'%x01%x02'}%H%x00%an%x00%ae%x00%aI%x00%s%x00`;

/**
 * For each blob, the commit that introduced it at each path: the oldest commit (in topological order)
 * whose diff adds the blob there. `-m` diffs merges against each parent, so a blob that exists only in a
 * merge's tree (an "evil merge") is attributed to that merge; for an ordinary merge the branch commit,
 * being older, wins. Runs only for blobs that matched, so it costs nothing on clean repositories.
 */
export async function findIntroductions(repo: GitRepo, blobIds: string[], revisions: { args: string[]; stdin: string[] }): Promise<Map<string, Introduction[]>> {
  const found = new Map<string, Map<string, Introduction>>();
  if (blobIds.length === 0) return new Map();
  const targets = new Set(blobIds);
  const args = ['log', '-m', '--topo-order', '--no-renames', '--no-textconv', '--no-ext-diff', '--raw', '--no-abbrev', '-z', FORMAT, ...blobIds.map((id) => `--find-object=${id}`), '--stdin', ...revisions.args];
  const { stdout } = await runGit(repo, args, { input: revisions.stdin.map((r) => `${r}\n`).join('') });
  for (const record of stdout.toString('utf8').split(RECORD)) {
    if (!record) continue;
    const fields = record.split('\0');
    const [commit = '', author = '', email = '', date = '', message = ''] = fields;
    for (let i = 5; i + 1 < fields.length; i++) {
      const meta = fields[i]!.replace(/^\n/, '');
      if (!meta.startsWith(':')) continue;
      const path = fields[++i]!;
      const [, , , newId, status] = meta.slice(1).split(' ');
      if (!newId || !targets.has(newId) || status === 'D') continue;
      // Later records are older (topological order): each overwrites, so the oldest introduction stays.
      const byPath = found.get(newId) ?? new Map<string, Introduction>();
      byPath.set(path, { commit, path, author, email, date, message });
      found.set(newId, byPath);
    }
  }
  return new Map([...found].map(([id, byPath]) => [id, [...byPath.values()]]));
}

/** Author, date and subject of commits, for keys found in commit messages. */
export async function commitInfo(repo: GitRepo, commits: string[]): Promise<Map<string, CommitInfo>> {
  if (commits.length === 0) return new Map();
  const { stdout } = await runGit(repo, ['log', '--no-walk=unsorted', '-z', FORMAT, '--stdin'], { input: commits.map((c) => `${c}\n`).join('') });
  const out = new Map<string, CommitInfo>();
  for (const record of stdout.toString('utf8').split(RECORD)) {
    const [commit, author = '', email = '', date = '', message = ''] = record.split('\0');
    if (commit) out.set(commit, { commit, author, email, date, message });
  }
  return out;
}
