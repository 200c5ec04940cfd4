import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { GitError } from './git-error.js';
import { type GitContext, runGit } from './run-git.js';

/** A repository keysweep can read: its git directory and what kind of repository it is. */
export type GitRepo = GitContext & {
  gitDir: string;
  /** The path as the user gave it (what reports show). */
  shown: string;
  bare: boolean;
  shallow: boolean;
};

/** git refuses a repository owned by another user unless safe.directory names it. */
export class DubiousOwnershipError extends GitError {
  override name = 'DubiousOwnershipError';
}

/**
 * Finds the git directory of `path` (a work tree, a linked worktree, or a bare repository). Later
 * commands all run with --git-dir, so git never looks at a work tree: no index refresh, no fsmonitor,
 * no clean or smudge filters.
 */
export async function openRepo(path: string, options: { cwd: string; env: Record<string, string | undefined>; trustOwner: boolean }): Promise<GitRepo> {
  const absolute = resolve(options.cwd, path);
  // Say what is wrong with the path in one line before git is asked anything about it.
  const kind = await stat(absolute).then(
    (s) => (s.isDirectory() ? 'directory' : 'other'),
    () => 'missing',
  );
  if (kind === 'missing') throw new UsageError(`${path} does not exist`);
  if (kind === 'other') throw new UsageError(`${path} is not a directory: name a repository (its work tree or its .git directory)`);
  const context: GitContext = { cwd: absolute, env: options.env, ...(options.trustOwner ? { safeDirectory: absolute } : {}) };
  let stdout: string;
  try {
    stdout = (await runGit(context, ['rev-parse', '--absolute-git-dir', '--is-bare-repository', '--is-shallow-repository'])).stdout.toString('utf8');
  } catch (error) {
    if (error instanceof GitError && /dubious ownership/i.test(error.stderr)) {
      throw new DubiousOwnershipError(
        `git refuses to read ${path}: it is owned by another user ("dubious ownership"). keysweep runs git with every ` +
          `command-running setting disabled, so scanning it is safe; re-run with --trust-owner to allow this one repository ` +
          `(keysweep passes -c safe.directory=<that path>, never *).`,
        error.command,
        error.stderr,
        { cause: error },
      );
    }
    if (error instanceof GitError && /not a git repository/i.test(error.stderr)) {
      throw new GitError(`${path} is not a git repository`, error.command, error.stderr, { cause: error });
    }
    throw error;
  }
  const [gitDir, bare, shallow] = stdout.trim().split('\n');
  if (!gitDir) throw new GitError(`git did not name a git directory for ${path}`, 'git rev-parse', '');
  // Once the git directory is known, safe.directory must name it (a bare repository is its own git directory).
  const safeDirectory = options.trustOwner ? (bare === 'true' ? gitDir : absolute) : undefined;
  return { ...context, gitDir, shown: path, bare: bare === 'true', shallow: shallow === 'true', ...(safeDirectory ? { safeDirectory } : {}) };
}
