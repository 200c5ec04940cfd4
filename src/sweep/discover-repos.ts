import { lstatSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import fg from 'fast-glob';
import type { RepoEntry } from './repo-list.js';

/**
 * Every git repository under `root`, found with fast-glob: work trees (a `.git` directory or file) and
 * bare repositories (a directory with HEAD, objects/ and refs/). Symbolic links are not followed, and the
 * search stops `maxDepth` directories down, so a hostile tree cannot send it elsewhere or forever.
 */
export async function discoverRepos(root: string, maxDepth: number): Promise<RepoEntry[]> {
  const base = resolve(root);
  const options = { cwd: base, absolute: true, followSymbolicLinks: false, deep: maxDepth + 1, dot: true, suppressErrors: true, onlyFiles: false } as const;
  // Only a real .git directory: a .git file (gitdir: …) or a symlink could point out of the tree.
  const workTrees = (await fg(['**/.git'], options)).filter((gitPath) => isRealDirectory(gitPath)).map((gitPath) => dirname(gitPath));
  const bare = (await fg(['**/HEAD'], { ...options, onlyFiles: true, ignore: ['**/.git/**'] }))
    .map((head) => dirname(head))
    .filter((dir) => isRealDirectory(`${dir}/objects`) && isRealDirectory(`${dir}/refs`) && !dir.endsWith('/.git'));
  const paths = [...new Set([...workTrees, ...bare])].sort();
  return paths.map((path) => ({ kind: 'path', identity: path, path }));
}

function isRealDirectory(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}
