import { join, resolve } from 'node:path';
import { ReportInputError, UsageError } from '../core/errors.js';
import { InputFileError, readSmallFile } from '../sources/read-small-file.js';
import { cleanDecision } from './decision-text.js';
import { parseBaseline } from '../suppress/baseline.js';
import { parseIgnoreFile } from '../suppress/ignore-file.js';
import { type Suppressions, noSuppressions } from '../suppress/suppressions.js';

export const IGNORE_FILE_NAME = '.keysweepignore';
/** Ignore files and baselines larger than this are refused, not read: a committed one may be hostile. */
export const MAX_SUPPRESSION_FILE_BYTES = 16 * 1024 * 1024;

/** Files that suppress findings, as the user names them (relative to the working directory). */
export type SuppressionFiles = { baseline: string | null; ignoreFile: string | null };

/** Reads `.keysweepignore` at each scanned directory root, the `--ignore-file` and the `--baseline`. */
export async function loadSuppressions(roots: string[], flags: SuppressionFiles, cwd: string, asOf: string = new Date().toISOString()): Promise<Suppressions> {
  const suppressions = noSuppressions(asOf);
  for (const root of roots) {
    const file = join(resolve(cwd, root), IGNORE_FILE_NAME);
    const text = await readIfExists(file);
    if (text !== null) addIgnoreText(suppressions, text, root, file);
  }
  if (flags.ignoreFile) {
    const text = await readIfExists(resolve(cwd, flags.ignoreFile));
    if (text === null) throw new UsageError(`--ignore-file ${flags.ignoreFile} does not exist`);
    addIgnoreText(suppressions, text, '', flags.ignoreFile);
  }
  if (flags.baseline) {
    let text: string;
    try {
      text = await readSmallFile(resolve(cwd, flags.baseline), MAX_SUPPRESSION_FILE_BYTES, 'baseline');
    } catch (error) {
      throw new ReportInputError((error as Error).message, { cause: error });
    }
    suppressions.baselineHashes = parseBaseline(text, flags.baseline);
  }
  return suppressions;
}

/** A suppression file's text, or null when there is no such file; bounded in size, regular files only. */
export async function readIfExists(path: string): Promise<string | null> {
  try {
    return await readSmallFile(path, MAX_SUPPRESSION_FILE_BYTES, 'suppression file');
  } catch (error) {
    if (error instanceof InputFileError && (error.reason === 'missing' || error.reason === 'not-a-file')) return null;
    throw new UsageError((error as Error).message, { cause: error });
  }
}

/**
 * Adds the entries of a .keysweepignore text; path globs apply to locations under `root` ('' for all).
 * A decision line that cannot be read is an error naming the file and line: a decision must never be
 * half-applied or silently dropped.
 */
export function addIgnoreText(suppressions: Suppressions, text: string, root: string, shownAs: string): void {
  const parsed = parseIgnoreFile(text, root);
  if (parsed.errors.length > 0) throw new UsageError(`${shownAs}: ${parsed.errors.slice(0, 3).join('; ')}${parsed.errors.length > 3 ? ` (and ${parsed.errors.length - 3} more)` : ''}`);
  for (const hash of parsed.secretHashes) suppressions.secretHashes.add(hash);
  if (parsed.pathRule) suppressions.pathRules.push(parsed.pathRule);
  for (const decision of parsed.decisions) suppressions.decisions.push({ decision: cleanDecision(decision), root });
}
