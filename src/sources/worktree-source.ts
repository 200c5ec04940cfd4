import { lstat } from 'node:fs/promises';
import { UsageError } from '../core/errors.js';
import { mapConcurrent } from './map-concurrent.js';
import { readBounded } from './read-bounded.js';
import type { Source, SourceEvent } from './source-events.js';
import { errorCode } from '../core/error-code.js';
import { type WalkEvent, walkTree } from './walk-tree.js';

export type WorktreeOptions = {
  gitignore: boolean;
  /** Files larger than this are skipped with reason `too-large` (default 25 MiB). */
  maxFileSize: number;
  /** Files read at once (default 16). */
  concurrency: number;
};

/**
 * Files under each path (a directory is walked, a file is read as is), read concurrently.
 * A path that does not exist or cannot be read is a usage error: the user named it, so a silent skip
 * would look like a clean scan.
 */
export async function* worktreeSource(roots: Array<{ shown: string; absolute: string }>, options: WorktreeOptions): Source {
  for (const { shown: path, absolute } of roots) {
    let kind: 'file' | 'directory';
    try {
      const stat = await lstat(absolute);
      if (stat.isDirectory()) kind = 'directory';
      else if (stat.isFile()) kind = 'file';
      else throw new UsageError(`${path} is not a regular file or directory (symlinks given as paths are not followed)`);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`cannot read ${path}: ${errorCode(error)}`, { cause: error });
    }
    const walk = kind === 'directory' ? walkTree(absolute, path, { gitignore: options.gitignore }) : single(absolute, path);
    yield* mapConcurrent(walk, options.concurrency, (event) => toSourceEvent(event, options.maxFileSize));
  }
}

async function* single(absolute: string, path: string): AsyncGenerator<WalkEvent> {
  yield { kind: 'file', absolute, path };
}

async function toSourceEvent(event: WalkEvent, maxFileSize: number): Promise<SourceEvent> {
  if (event.kind !== 'file') return event;
  const outcome = await readBounded(event.absolute, maxFileSize);
  switch (outcome.kind) {
    case 'bytes':
      return { kind: 'blob', blob: { bytes: outcome.bytes, origin: { kind: 'file', path: event.path } } };
    case 'too-large':
      return { kind: 'skip', path: event.path, reason: 'too-large' };
    case 'error':
      return { kind: 'problem', problem: { path: event.path, code: outcome.code, reason: `cannot read file: ${outcome.code}` } };
  }
}
