import { isAbsolute, resolve } from 'node:path';
import type { GitRepo } from './open-repo.js';
import { runGit } from './run-git.js';

/**
 * Where git runs this repository's hooks from: core.hooksPath when set (relative paths are relative to
 * the work tree, as git reads them), else the hooks directory of the common git directory.
 */
export async function hooksDir(repo: GitRepo): Promise<string> {
  // Asked from the directory the user named (not with --git-dir), so git answers relative to it.
  const context = { cwd: repo.cwd, env: repo.env, readHooksPath: true, ...(repo.safeDirectory ? { safeDirectory: repo.safeDirectory } : {}) };
  const path = (await runGit(context, ['rev-parse', '--git-path', 'hooks'])).stdout.toString('utf8').trim();
  return isAbsolute(path) ? path : resolve(repo.cwd, path);
}

/** The top of the work tree, or null for a bare repository. */
export async function workTreeOf(repo: GitRepo): Promise<string | null> {
  if (repo.bare) return null;
  const { stdout } = await runGit({ cwd: repo.cwd, env: repo.env, ...(repo.safeDirectory ? { safeDirectory: repo.safeDirectory } : {}) }, ['rev-parse', '--show-toplevel']);
  return stdout.toString('utf8').trim();
}
