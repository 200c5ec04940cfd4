import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { packageRoot } from '../../core/package-root.js';
import type { AnchorIndex } from './anchor-index.js';
import { type EntriesResult, type EntryScanSpec, type ObjectType, TYPE_NAMES, indexEntries } from './index-entries.js';
import type { PackFile } from './pack-entry.js';
import type { PackIndex } from './pack-index-file.js';
import { type PackLayout, readPackLayout, splitByFamily } from './pack-layout.js';
import type { PackWorkerData } from './pack-scan-worker.js';

export type { ObjectType } from './index-entries.js';

/** An object a pack scan reports: a candidate, one over the size limit, or one it could not read itself. */
export type PackObject = { id: string; type: ObjectType; size: number };
export type UnreadObject = { id: string; reason: string };

export type PackScanOptions = EntryScanSpec & {
  /** Worker threads for one pack (1: this thread). */
  threads: number;
  /** Smaller packs are scanned on this thread whatever `threads` says (default 32 MiB). */
  workersFromBytes?: number;
  /** Progress: entries of this pack passed so far, of its total. */
  onProgress?: (passed: number, total: number) => void;
  /** Each object's anchor index as the deltas made it (this thread only): the differential tests compare it with the index of the object read whole. */
  onIndex?: (id: string, index: AnchorIndex) => void;
};

export type PackScanResult = {
  /** Objects of each wanted type the pack holds. */
  counts: Record<ObjectType, number>;
  /** Objects that hold an anchor (or are read anyway): read them through git and scan them whole. */
  candidates: PackObject[];
  oversize: PackObject[];
  /** Objects this reader could not index (a damaged entry, a base outside the pack): read through git. */
  unread: UnreadObject[];
  /** The ids of every object of the types asked for in `collect`. */
  ids: Record<ObjectType, string[]>;
};

export const emptyScanResult = (): PackScanResult => ({ counts: { commit: 0, tree: 0, blob: 0, tag: 0 }, candidates: [], oversize: [], unread: [], ids: { commit: [], tree: [], blob: [], tag: [] } });

/**
 * Scans one pack at the delta level (index-entries.ts), on this thread or split by delta family across
 * worker threads. `duplicate[i]` (by index position) marks objects already counted from another pack.
 */
export async function scanPack(packPath: string, pack: PackFile, index: PackIndex, options: PackScanOptions, duplicate: Uint8Array | null): Promise<PackScanResult> {
  const layout = readPackLayout(pack, index);
  const duplicateByEntry = duplicate ? Uint8Array.from(layout.order, (i) => duplicate[i]!) : null;
  const { threads, onIndex, onProgress, workersFromBytes = WORKERS_FROM_BYTES, ...spec } = options;
  let parts: EntriesResult[];
  // Workers pay for their start-up and a copy of the layout: worth it only for a large pack.
  if (threads <= 1 || onIndex !== undefined || pack.size < workersFromBytes) {
    const breathe = (passed: number) => {
      onProgress?.(passed, layout.count);
      return new Promise<void>((r) => setImmediate(r));
    };
    parts = [await indexEntries(pack, layout, spec, null, 0, duplicateByEntry, breathe, onIndex ? (e, found) => onIndex(idOf(index, layout, e), found) : undefined)];
  } else {
    const owner = splitByFamily(layout, threads);
    // Each worker passes every entry (indexing its own): the pack is as far along as the slowest.
    const passed = new Array<number>(threads).fill(0);
    const report = (me: number, n: number) => {
      passed[me] = n;
      onProgress?.(Math.min(...passed), layout.count);
    };
    parts = await Promise.all(Array.from({ length: threads }, (_, me) => inWorker({ packPath, layout, spec, owner, me, duplicate: duplicateByEntry }, (n) => report(me, n))));
  }
  onProgress?.(layout.count, layout.count);
  return merge(parts, index, layout);
}

/** Packs under this size are scanned on this thread (express's 10 MB pack: 0.82 s on one thread, 1.04 s on two workers). */
const WORKERS_FROM_BYTES = 32 * 2 ** 20;

const idOf = (index: PackIndex, layout: PackLayout, e: number) => index.ids.toString('hex', layout.order[e]! * 20, (layout.order[e]! + 1) * 20);

function merge(parts: EntriesResult[], index: PackIndex, layout: PackLayout): PackScanResult {
  const result = emptyScanResult();
  const id = (e: number) => idOf(index, layout, e);
  const typeOf = (e: number) => TYPE_NAMES[layout.type[e]!]!;
  for (const part of parts) {
    for (const type of ['commit', 'tree', 'blob', 'tag'] as const) result.counts[type] += part.counts[type];
    for (const [e, size] of part.candidates) result.candidates.push({ id: id(e), type: typeOf(e), size });
    for (const [e, size] of part.oversize) result.oversize.push({ id: id(e), type: typeOf(e), size });
    for (const [e, reason] of part.unread) result.unread.push({ id: id(e), reason });
    for (const e of part.collected) result.ids[typeOf(e)].push(id(e));
  }
  return result;
}

/** The bundled worker script, found from the package root (tests run src/, workers run dist/). */
const workerScript = () => join(packageRoot(), 'dist', 'src', 'sources', 'pack', 'pack-scan-worker.js');

function inWorker(data: PackWorkerData, onPassed: (passed: number) => void): Promise<EntriesResult> {
  return new Promise((resolve, reject) => {
    // A smaller young generation: the same time on curl, about 30 MiB less peak memory for two workers.
    const worker = new Worker(workerScript(), { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    let answered = false;
    worker.on('message', (message: { passed: number } | { result: EntriesResult }) => {
      if ('passed' in message) return onPassed(message.passed);
      answered = true;
      resolve(message.result);
    });
    // A worker dies only on a bug: the scan fails rather than report the worker's share as clean.
    worker.once('error', (error) => reject(new Error(`pack scan worker failed: ${error.message}`, { cause: error })));
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`pack scan worker stopped (exit ${code}) without an answer`));
    });
  });
}
