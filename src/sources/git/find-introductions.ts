import { randomBytes } from 'node:crypto';
import { GitError } from './git-error.js';
import type { GitRepo } from './open-repo.js';
import { runGit } from './run-git.js';

/** A commit that added a blob at a path, with what an owner wants to know about it. */
export type Introduction = { commit: string; path: string; author: string; email: string; date: string; message: string };

export type CommitInfo = Omit<Introduction, 'path'>;

const COMMIT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
const RAW_ENTRY = /^:\d{6} \d{6} [0-9a-f]{40,64} ([0-9a-f]{40,64}) ([A-Z])\d*$/;

/**
 * Records start with a separator no commit can forge: NUL (which git's %-placeholders never print) and a
 * random token made for this run. A fixed separator could be typed into a commit subject to split a
 * record in two and detach a key from its commit.
 */
function recordFormat(): { separator: string; format: string } {
  const token = randomBytes(12).toString('hex');
  return { separator: `\0${token}\0`, format: `--format=%x00${token}%x00%H%x00%an%x00%ae%x00%aI%x00%s%x00` };
}

/**
 * For each blob, the commit that introduced it at each path: the oldest commit (in topological order)
 * whose diff adds the blob there. `-m` diffs merges against each parent, so a blob that exists only in a
 * merge's tree (an "evil merge") is attributed to that merge; for an ordinary merge the branch commit,
 * being older, wins. Runs only for blobs that matched, so it costs nothing on clean repositories.
 */
export async function findIntroductions(repo: GitRepo, blobIds: string[], revisions: { args: string[]; stdin: string[] }, options: { trees?: boolean } = {}): Promise<Map<string, Introduction[]>> {
  const found = new Map<string, Map<string, Introduction>>();
  if (blobIds.length === 0) return new Map();
  const targets = new Set(blobIds);
  const { separator, format } = recordFormat();
  // -t lists trees in the raw diff too: an entry named after a key can be a directory.
  const args = ['log', '-m', '--topo-order', '--no-renames', '--no-textconv', '--no-ext-diff', '--raw', ...(options.trees ? ['-t'] : []), '--no-abbrev', '-z', format, ...blobIds.map((id) => `--find-object=${id}`), '--stdin', ...revisions.args];
  const { stdout } = await runGit(repo, args, { input: revisions.stdin.map((r) => `${r}\n`).join('') });
  for (const record of stdout.toString('utf8').split(separator)) {
    if (!record) continue;
    const fields = record.split('\0');
    const [commit = '', author = '', email = '', date = '', message = ''] = fields;
    if (!COMMIT_ID.test(commit)) throw new GitError(`git log printed a record without a commit id`, 'git log --find-object', '');
    for (let i = 5; i + 1 < fields.length; i++) {
      const entry = RAW_ENTRY.exec(fields[i]!.replace(/^\n/, ''));
      if (!entry) continue;
      const path = fields[++i]!;
      const [, newId, status] = entry;
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
  const { separator, format } = recordFormat();
  const { stdout } = await runGit(repo, ['log', '--no-walk=unsorted', '-z', format, '--stdin'], { input: commits.map((c) => `${c}\n`).join('') });
  const out = new Map<string, CommitInfo>();
  for (const record of stdout.toString('utf8').split(separator)) {
    const [commit = '', author = '', email = '', date = '', message = ''] = record.split('\0');
    if (COMMIT_ID.test(commit)) out.set(commit, { commit, author, email, date, message });
  }
  return out;
}
