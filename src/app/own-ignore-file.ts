import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../core/errors.js';
import type { Problem } from '../core/types.js';
import type { GitRepo } from '../sources/git/open-repo.js';
import { runGit } from '../sources/git/run-git.js';
import { parseIgnoreFile } from '../suppress/ignore-file.js';
import { IGNORE_FILE_NAME, MAX_SUPPRESSION_FILE_BYTES, readIfExists } from './load-suppressions.js';
import type { RunContext } from './run-context.js';

/** A repository's own .keysweepignore: its text when it can be used, else the problem that says why not. */
export type OwnIgnoreFile = { text: string | null; shown: string; problem: Problem | null };

/**
 * Reads a scanned repository's own .keysweepignore: the work tree's (where triage writes decisions) unless
 * `from` is 'head', else the one committed at HEAD. Whatever the repository holds there (a symlink, a
 * directory, a huge file, a decision line that cannot be read) gives a problem and no text, never a failed
 * scan: a hostile repository must not be able to stop its own scan, and what its file would suppress stays open.
 */
export async function readOwnIgnoreFile(repo: GitRepo, context: RunContext, from: 'worktree-or-head' | 'head'): Promise<OwnIgnoreFile> {
  if (from === 'worktree-or-head') {
    const worktree = await workTreeFile(repo, context);
    if (worktree !== null) return worktree;
  }
  const shown = `HEAD:${IGNORE_FILE_NAME}`;
  const check = await runGit(repo, ['cat-file', '--batch-check'], { input: `${shown}\n` });
  const [id, type, size] = check.stdout.toString('utf8').trim().split(' ');
  if (type === 'missing' || id === undefined || type === undefined) return { text: null, shown, problem: null };
  if (type !== 'blob') return unusable(shown, `a ${type}, not a file: not read, so nothing is suppressed by it`);
  if (!(Number(size) <= MAX_SUPPRESSION_FILE_BYTES)) return unusable(shown, `${size} bytes, over the ${MAX_SUPPRESSION_FILE_BYTES}-byte limit for suppression files: not read, so nothing it lists is suppressed`);
  const text = (await runGit(repo, ['cat-file', 'blob', id])).stdout.toString('utf8');
  return checked(text, shown);
}

/** The work tree's file when the repository has a work tree at or above the named path and a regular file is there. */
async function workTreeFile(repo: GitRepo, context: RunContext): Promise<OwnIgnoreFile | null> {
  if (repo.bare) return null;
  const top = await runGit({ cwd: repo.cwd, env: context.env }, ['rev-parse', '--show-toplevel'], { allowCodes: [128] });
  const root = top.code === 0 ? top.stdout.toString('utf8').trim() : '';
  // core.worktree can name any directory: only one that holds the path the user named is taken.
  if (root === '' || !(repo.cwd === root || repo.cwd.startsWith(`${root}/`))) return null;
  const path = join(root, IGNORE_FILE_NAME);
  const stat = await lstat(path).catch(() => null);
  if (stat === null) return null;
  if (stat.isSymbolicLink()) return unusable(IGNORE_FILE_NAME, 'a symbolic link: not followed, so nothing is suppressed by it');
  if (!stat.isFile()) return null;
  try {
    const text = await readIfExists(path);
    return text === null ? null : checked(text, IGNORE_FILE_NAME);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return unusable(IGNORE_FILE_NAME, `not read, so nothing it lists is suppressed: ${error.message}`);
  }
}

function checked(text: string, shown: string): OwnIgnoreFile {
  const { errors } = parseIgnoreFile(text, '');
  if (errors.length === 0) return { text, shown, problem: null };
  return unusable(shown, `not read, so nothing it lists is suppressed: ${errors.slice(0, 3).join('; ')}${errors.length > 3 ? ` (and ${errors.length - 3} more)` : ''}`);
}

function unusable(shown: string, reason: string): OwnIgnoreFile {
  return { text: null, shown, problem: { path: shown, code: 'SUPPRESSIONS_NOT_READ', reason } };
}
