import type { GitRepo } from './open-repo.js';
import { runGit } from './run-git.js';

export type HeadTree = { blobs: Map<string, string[]>; submodules: string[] };

/** Blob ids (with their paths) and submodule entries in a commit's tree. */
export async function readTree(repo: GitRepo, commit: string): Promise<HeadTree> {
  const { stdout } = await runGit(repo, ['ls-tree', '-r', '-z', '--full-tree', commit]);
  const blobs = new Map<string, string[]>();
  const submodules: string[] = [];
  for (const entry of stdout.toString('utf8').split('\0')) {
    if (!entry) continue;
    const tab = entry.indexOf('\t');
    const [mode, type, id] = entry.slice(0, tab).split(' ');
    const path = entry.slice(tab + 1);
    if (type === 'blob' && id) blobs.set(id, [...(blobs.get(id) ?? []), path]);
    else if (mode === '160000') submodules.push(path);
  }
  return { blobs, submodules };
}
