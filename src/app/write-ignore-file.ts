import { randomBytes } from 'node:crypto';
import { lstat, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { UsageError } from '../core/errors.js';
import type { Decision } from '../core/types.js';
import { upsertDecisions } from '../suppress/upsert-decisions.js';
import { MAX_SUPPRESSION_FILE_BYTES, readIfExists } from './load-suppressions.js';

/**
 * Writes decisions into a .keysweepignore, atomically: the new text goes to a new file beside it (created
 * exclusively, so never through a link), is flushed to disk, then renamed over the old one. A crash leaves
 * the old file or the new one, never half of either. A symlink in its place is refused: a repository could
 * point it at any file of the person triaging.
 */
export async function writeDecisionsToIgnoreFile(path: string, decisions: Decision[], removals: Array<Pick<Decision, 'sha256' | 'path'>> = []): Promise<void> {
  const existing = await lstat(path).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? null : Promise.reject(error)));
  if (existing && !existing.isFile()) throw new UsageError(`${path} is not a regular file (a symlink?): not writing decisions through it`);
  const before = existing ? ((await readIfExists(path)) ?? '') : '';
  const text = upsertDecisions(before, decisions, removals);
  if (Buffer.byteLength(text) > MAX_SUPPRESSION_FILE_BYTES) throw new UsageError(`${path} would grow past the ${MAX_SUPPRESSION_FILE_BYTES}-byte limit for suppression files`);
  const temporary = join(dirname(path), `.keysweepignore.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', existing ? existing.mode & 0o777 : 0o644);
  try {
    await handle.writeFile(text);
    await handle.sync();
    await handle.close();
    await rename(temporary, path);
  } catch (error) {
    await handle.close().catch(() => {});
    await rm(temporary, { force: true });
    throw error;
  }
}
