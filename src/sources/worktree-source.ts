import { statSync } from 'node:fs';
import { errorCode } from '../core/error-code.js';
import { UsageError } from '../core/errors.js';
import { type SyncReader, createSyncReader } from './read-bounded-sync.js';
import type { Source, SourceEvent } from './source-events.js';
import { type WalkEvent, type WalkOptions, walkTree } from './walk-tree.js';

/** A path to scan: as the user gave it (what reports show) and resolved against the working directory. */
export type WorktreeRoot = { shown: string; absolute: string };

/**
 * The files under one root: a directory is walked, a file is itself. A root that does not exist or cannot
 * be read is a usage error: the user named it, so a silent skip would look like a clean scan.
 */
export function* walkRoot(root: WorktreeRoot, options: WalkOptions): Generator<WalkEvent> {
  let isDirectory: boolean;
  try {
    // A path the user names is followed even if it is a symlink (that is what they asked to scan);
    // symlinks found inside it never are.
    const stat = statSync(root.absolute);
    if (!stat.isDirectory() && !stat.isFile()) throw new UsageError(`${root.shown} is not a regular file or directory`);
    isDirectory = stat.isDirectory();
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${root.shown}: ${errorCode(error)}`, { cause: error });
  }
  if (isDirectory) yield* walkTree(root.absolute, root.shown, options);
  else yield { kind: 'file', absolute: root.absolute, path: root.shown };
}

/**
 * Reads the files of a walk in this thread, one at a time into a reused buffer: each blob is valid only
 * until the next is pulled, which is how the pipeline consumes them. For page-cached files synchronous
 * reads beat thread-pool round trips; large trees go to worker threads instead (scan/scan-worktree.ts).
 */
export async function* readWalk(walk: Iterable<WalkEvent>, options: { maxFileSize: number }): Source {
  const read = createSyncReader();
  for (const event of walk) yield readWalkEvent(event, read, options.maxFileSize);
}

/** One walk event as a source event: a file is read (into the reader's buffer), anything else passes through. */
export function readWalkEvent(event: WalkEvent, read: SyncReader, maxFileSize: number): SourceEvent {
  if (event.kind !== 'file') return event;
  const outcome = read(event.absolute, maxFileSize);
  switch (outcome.kind) {
    case 'bytes':
      return { kind: 'blob', blob: { bytes: outcome.bytes, origin: { kind: 'file', path: event.path } } };
    case 'too-large':
      return { kind: 'skip', path: event.path, reason: 'too-large' };
    case 'error':
      return { kind: 'problem', problem: { path: event.path, code: outcome.code, reason: `cannot read file: ${outcome.code}` } };
  }
}
