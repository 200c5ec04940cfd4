import { createSyncReader } from '../sources/read-bounded-sync.js';
import type { NameScan } from '../sources/name-scan.js';
import type { WalkEvent } from '../sources/walk-tree.js';
import { type WorktreeRoot, readWalk, readWalkEvent, walkRoot } from '../sources/worktree-source.js';
import type { FileOutcome } from './file-scan-protocol.js';
import type { ScanEvent } from './scan-events.js';
import { type FileScanPool, createFileScanPool } from './worker-pool.js';
import type { RuleFileSpec } from '../rules/rule-types.js';

export type WorktreeScanOptions = {
  gitignore: boolean;
  /** Names that hold the marker are scanned, and paths that hold it shown redacted (see walk-tree.ts). */
  names?: NameScan;
  maxFileSize: number;
  /** Threads that read and match, this one included (the CLI default: one per core, 1 on two cores or fewer). */
  threads: number;
  /** The rule file the scan uses: worker threads compile it for themselves. */
  rules: RuleFileSpec;
  /** Look inside encodings (base64, hex, UTF-16) too; false with --no-decode. */
  decode: boolean;
};

/** Below this many files a tree is scanned in this thread alone: booting a worker costs more than it saves. */
export const PARALLEL_THRESHOLD = 128;
const BATCH = 32;

/**
 * The files under each root, read and detected. Large trees are shared between this thread and worker
 * threads: this thread walks and scans batches itself whenever no worker has room (including while the
 * workers boot), so no core waits for another.
 */
export async function* scanWorktree(roots: WorktreeRoot[], options: WorktreeScanOptions): AsyncGenerator<ScanEvent> {
  let pool: FileScanPool | null = null;
  try {
    for (const root of roots) {
      const walk = walkRoot(root, options)[Symbol.iterator]();
      const head: WalkEvent[] = [];
      let done = false;
      while (!done && head.length < PARALLEL_THRESHOLD) {
        const next = walk.next();
        if (next.done) done = true;
        else head.push(next.value);
      }
      const events = concat(head, done ? null : walk);
      if (done || options.threads <= 1) {
        yield* readWalk(events, options);
        continue;
      }
      pool ??= createFileScanPool(options.threads - 1, options.rules, options.decode);
      yield* shareWithPool(events, pool, options);
    }
  } finally {
    await pool?.close();
  }
}

async function* shareWithPool(events: Iterable<WalkEvent>, pool: FileScanPool, options: WorktreeScanOptions): AsyncGenerator<ScanEvent> {
  const read = createSyncReader();
  const finished: ScanEvent[][] = [];
  const inFlight = new Set<Promise<void>>();
  let failure: unknown = null;
  const drain = function* () {
    if (failure) throw failure;
    while (finished.length > 0) yield* finished.shift()!;
  };
  for (const item of batchFiles(events)) {
    if (!Array.isArray(item)) {
      yield item;
    } else if (pool.hasFreeSlot()) {
      const job: Promise<void> = pool.scan(item, options.maxFileSize).then(
        (result) => void finished.push(result.outcomes.map(toScanEvent)),
        (error: unknown) => void (failure ??= error),
      );
      inFlight.add(job);
      void job.finally(() => inFlight.delete(job));
    } else {
      for (const file of item) yield readWalkEvent(file, read, options.maxFileSize);
      // Let worker messages (results, "online") in between batches scanned here.
      await new Promise((resolve) => setImmediate(resolve));
    }
    yield* drain();
  }
  while (inFlight.size > 0) {
    await Promise.race(inFlight);
    yield* drain();
  }
  yield* drain();
}

type FileItem = Extract<WalkEvent, { kind: 'file' }>;

/** Walk events with files grouped into batches; skips and problems pass through alone. */
function* batchFiles(events: Iterable<WalkEvent>): Generator<Exclude<WalkEvent, FileItem> | FileItem[]> {
  let batch: FileItem[] = [];
  for (const event of events) {
    if (event.kind !== 'file') {
      yield event;
      continue;
    }
    batch.push(event);
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

function* concat<T>(head: T[], rest: Iterator<T> | null): Generator<T> {
  yield* head;
  if (!rest) return;
  for (let next = rest.next(); !next.done; next = rest.next()) yield next.value;
}
