import { join } from 'node:path';
import type { Suppressions } from '../suppress/suppressions.js';
import { IGNORE_FILE_NAME, type SuppressionFiles, addIgnoreText, loadSuppressions, readIfExists } from './load-suppressions.js';

/** A baseline a team commits at the top of its repository is used by the hooks without any flag. */
export const HOOK_BASELINE_FILE = '.keysweep-baseline.json';

/** What suppresses findings in a hook: the flags, else the committed baseline, and the work tree's .keysweepignore. */
export async function hookSuppressions(files: SuppressionFiles, workTree: string | null, cwd: string): Promise<Suppressions> {
  const baseline = files.baseline ?? (workTree && (await readIfExists(join(workTree, HOOK_BASELINE_FILE))) !== null ? join(workTree, HOOK_BASELINE_FILE) : null);
  const suppressions = await loadSuppressions([], { baseline, ignoreFile: files.ignoreFile }, cwd);
  const ignoreText = workTree ? await readIfExists(join(workTree, IGNORE_FILE_NAME)) : null;
  if (ignoreText !== null) addIgnoreText(suppressions, ignoreText, '', IGNORE_FILE_NAME);
  return suppressions;
}

/**
 * Hooks read every pushed or staged blob up to this size whatever --max-file-size says (a push is small
 * next to a history); anything larger is named and blocks: nothing leaves the machine unread.
 */
export const HOOK_BLOB_LIMIT = 256 * 1024 * 1024;
