import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { packageRoot } from '../core/package-root.js';
import type { RuleFileSpec } from '../rules/rule-types.js';
import type { BatchResult, FileBatch } from './file-scan-protocol.js';

export type FileScanPool = {
  /** True when a started worker has room for another batch (two in flight each hide the round trip). */
  hasFreeSlot(): boolean;
  scan(files: FileBatch['files'], maxFileSize: number): Promise<BatchResult>;
  close(): Promise<void>;
};

const IN_FLIGHT_PER_WORKER = 2;

/** The bundled worker script; found from the package root so it works from dist/ and from tests running src/. */
function workerScript(): string {
  return join(packageRoot(), 'dist', 'src', 'scan', 'file-scan-worker.js');
}

/** Worker threads that read and scan batches of files; each batch goes to the least busy worker. */
export function createFileScanPool(threads: number, rules: RuleFileSpec, decode: boolean): FileScanPool {
  const script = workerScript();
  // Each worker compiles the rule set the scan was given, not the built-in one.
  const workers = Array.from({ length: threads }, () => ({ worker: new Worker(script, { workerData: { spec: rules, decode } }), busy: 0, online: false }));
  const pending = new Map<number, { resolve: (r: BatchResult) => void; reject: (e: Error) => void; slot: (typeof workers)[number] }>();
  let nextId = 0;
  for (const slot of workers) {
    slot.worker.on('online', () => (slot.online = true));
    slot.worker.on('message', (result: BatchResult) => {
      const waiter = pending.get(result.id);
      if (!waiter) return;
      pending.delete(result.id);
      waiter.slot.busy--;
      waiter.resolve(result);
    });
    slot.worker.on('error', (error) => {
      // A worker only dies on a bug: fail every batch it held rather than report their files as clean.
      for (const [id, waiter] of pending) {
        if (waiter.slot !== slot) continue;
        pending.delete(id);
        waiter.reject(new Error(`scan worker failed: ${error.message}`, { cause: error }));
      }
    });
  }
  const free = () => workers.filter((w) => w.online && w.busy < IN_FLIGHT_PER_WORKER).sort((a, b) => a.busy - b.busy)[0];
  return {
    hasFreeSlot: () => free() !== undefined,
    scan(files, maxFileSize) {
      const slot = free() ?? workers.reduce((a, b) => (b.busy < a.busy ? b : a));
      const id = nextId++;
      slot.busy++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, slot });
        slot.worker.postMessage({ id, files, maxFileSize } satisfies FileBatch);
      });
    },
    async close() {
      await Promise.all(workers.map(({ worker }) => worker.terminate()));
    },
  };
}
