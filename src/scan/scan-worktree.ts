import type { WalkEvent } from '../sources/walk-tree.js';
import { mapConcurrent } from '../sources/map-concurrent.js';
import { type WorktreeRoot, readWalk, walkRoot } from '../sources/worktree-source.js';
import type { FileOutcome } from './file-scan-protocol.js';
import type { ScanEvent } from './scan-events.js';
import { type FileScanPool, createFileScanPool } from './worker-pool.js';

export type WorktreeScanOptions = {
  gitignore: boolean;
  maxFileSize: number;
  /** Worker threads for large trees (default: available cores); 1 scans in this thread only. */
  threads: number;
};

/** Below this many files a tree is scanned in this thread: starting workers would cost more than it saves. */
export const PARALLEL_THRESHOLD = 128;
const BATCH = 32;

/**
 * The files under each root, read and detected. Small trees are read here with bounded async reads; large
 * ones are spread over worker threads so both cores read and match while this thread walks.
 */
export async function* scanWorktree(roots: WorktreeRoot[], options: WorktreeScanOptions): AsyncGenerator<ScanEvent> {
  let pool: FileScanPool | null = null;
  try {
    for (const root of roots) {
      const walk = walkRoot(root, options)[Symbol.asyncIterator]();
      const head: WalkEvent[] = [];
      let done = false;
      while (!done && head.length < PARALLEL_THRESHOLD) {
        const next = await walk.next();
        if (next.done) done = true;
        else head.push(next.value);
      }
      const events = concat(head, done ? null : walk);
      if (done || options.threads <= 1) {
        yield* readWalk(events, options);
        continue;
      }
      // Started only once a tree proves large: booting workers costs a small scan more than it saves.
      pool ??= createFileScanPool(options.threads);
      yield* scanInPool(events, pool, options);
    }
  } finally {
    await pool?.close();
  }
}

async function* scanInPool(events: AsyncIterable<WalkEvent>, pool: FileScanPool, options: WorktreeScanOptions): AsyncGenerator<ScanEvent> {
  const batches = batchFiles(events);
  // Two batches in flight per worker hide the round trip; p-limit (in mapConcurrent) bounds the queue.
  for await (const group of mapConcurrent(batches, options.threads * 2, async (batch) => {
    if (!Array.isArray(batch)) return [batch];
    const result = await pool.scan(batch, options.maxFileSize);
    return result.outcomes.map(toScanEvent);
  })) {
    yield* group;
  }
}

/** Walk events with files grouped into batches; skips and problems pass through alone. */
async function* batchFiles(events: AsyncIterable<WalkEvent>): AsyncGenerator<ScanEvent | Array<{ absolute: string; path: string }>> {
  let batch: Array<{ absolute: string; path: string }> = [];
  for await (const event of events) {
    if (event.kind !== 'file') {
      yield event;
      continue;
    }
    batch.push({ absolute: event.absolute, path: event.path });
    if (batch.length >= BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

function toScanEvent(outcome: FileOutcome): ScanEvent {
  switch (outcome.kind) {
    case 'scanned':
      return { kind: 'detected', origin: { kind: 'file', path: outcome.path }, byteLength: outcome.byteLength, detection: outcome.detection };
    case 'too-large':
      return { kind: 'skip', path: outcome.path, reason: 'too-large' };
    case 'error':
      return { kind: 'problem', problem: { path: outcome.path, code: outcome.code, reason: `cannot read file: ${outcome.code}` } };
  }
}

async function* concat<T>(head: T[], rest: AsyncIterator<T> | null): AsyncGenerator<T> {
  yield* head;
  if (!rest) return;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}
