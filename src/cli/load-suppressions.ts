import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { errorCode } from '../core/error-code.js';
import { ReportInputError, UsageError } from '../core/errors.js';
import { parseBaseline } from '../suppress/baseline.js';
import { parseIgnoreFile } from '../suppress/ignore-file.js';
import type { Suppressions } from '../suppress/suppressions.js';
import type { ReportFlags } from './report-flags.js';

export const IGNORE_FILE_NAME = '.keysweepignore';

/** Reads `.keysweepignore` at each scanned directory root, the `--ignore-file` and the `--baseline`. */
export async function loadSuppressions(roots: string[], flags: ReportFlags, cwd: string): Promise<Suppressions> {
  const suppressions: Suppressions = { secretHashes: new Set(), pathRules: [], baselineHashes: new Set() };
  const add = (text: string, root: string) => addIgnoreText(suppressions, text, root);
  for (const root of roots) {
    const file = join(resolve(cwd, root), IGNORE_FILE_NAME);
    const text = await readIfExists(file);
    if (text !== null) add(text, root);
  }
  if (flags.ignoreFile) {
    const text = await readIfExists(resolve(cwd, flags.ignoreFile));
    if (text === null) throw new UsageError(`--ignore-file ${flags.ignoreFile} does not exist`);
    add(text, '');
  }
  if (flags.baseline) {
    let text: string;
    try {
      text = await readFile(resolve(cwd, flags.baseline), 'utf8');
    } catch (error) {
      throw new ReportInputError(`cannot read baseline ${flags.baseline}: ${errorCode(error)}`, { cause: error });
    }
    suppressions.baselineHashes = parseBaseline(text, flags.baseline);
  }
  return suppressions;
}

/** A file's text, or null when there is no such file. */
export async function readIfExists(path: string): Promise<string | null> {
  try {
    if (!(await stat(path)).isFile()) return null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
    throw new UsageError(`cannot read ${path}: ${errorCode(error)}`, { cause: error });
  }
  return readFile(path, 'utf8');
}

/** Adds the entries of a .keysweepignore text; path globs apply to locations under `root` ('' for all). */
export function addIgnoreText(suppressions: Suppressions, text: string, root: string): void {
  const parsed = parseIgnoreFile(text, root);
  for (const hash of parsed.secretHashes) suppressions.secretHashes.add(hash);
  if (parsed.pathRule) suppressions.pathRules.push(parsed.pathRule);
}
