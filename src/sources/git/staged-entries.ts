import type { GitRepo } from './open-repo.js';
import { runGit } from './run-git.js';

/**
 * A blob the next commit would contain that HEAD does not: what `git commit` is about to record. A gitlink
 * (a submodule's commit) has no content here to read, only its path.
 */
export type StagedEntry = { blobId: string; path: string; gitlink?: true };

const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';
const ZERO = /^0+$/;

/**
 * Blobs added or changed in the index relative to HEAD (the empty tree before the first commit). During
 * a merge or a rebase, conflicted paths have no single staged blob: every stage of them is included.
 * Reads the index only (the one in `context.indexFile` when git named one), never the work tree: the
 * content being committed, not what is on disk.
 */
export async function stagedEntries(context: GitRepo): Promise<StagedEntry[]> {
  const head = await runGit(context, ['rev-parse', '--verify', '--quiet', 'HEAD^{tree}'], { allowCodes: [1, 128] });
  const base = head.code === 0 ? head.stdout.toString('utf8').trim() : EMPTY_TREE;
  const diff = await runGit(context, ['diff-index', '--cached', '--raw', '-z', '--no-renames', '--abbrev=40', '--no-textconv', '--no-ext-diff', base]);
  const entries: StagedEntry[] = [];
  const fields = diff.stdout.toString('utf8').split('\0');
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const [, newMode, , blobId, status] = fields[i]!.slice(1).split(' ');
    const path = fields[i + 1]!;
    if (!blobId || ZERO.test(blobId) || status === 'D') continue;
    // A submodule's commit lives in another repository: there is no blob to read, only a name.
    entries.push(newMode === '160000' ? { blobId, path, gitlink: true } : { blobId, path });
  }
  const unmerged = await runGit(context, ['ls-files', '-u', '-z']);
  for (const line of unmerged.stdout.toString('utf8').split('\0')) {
    const m = /^\d+ ([0-9a-f]+) [123]\t(.*)$/s.exec(line);
    if (m) entries.push({ blobId: m[1]!, path: m[2]! });
  }
  return entries;
}
