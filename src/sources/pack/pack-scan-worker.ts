import { parentPort, workerData } from 'node:worker_threads';
import { type EntryScanSpec, indexEntries } from './index-entries.js';
import { openPackFile } from './pack-entry.js';
import type { PackLayout } from './pack-layout.js';

/** What a pack scan worker is given: one pack, its layout, the spec, and which entries are its own. */
export type PackWorkerData = { packPath: string; layout: PackLayout; spec: EntryScanSpec; owner: Uint8Array; me: number; duplicate: Uint8Array | null };

// A worker indexes its share of one pack and answers once; errors reach the parent as the worker's 'error'.
const data = workerData as PackWorkerData;
const pack = openPackFile(data.packPath);
try {
  const result = await indexEntries(pack, data.layout, data.spec, data.owner, data.me, data.duplicate, async (passed) => parentPort!.postMessage({ passed }));
  parentPort!.postMessage({ result });
} finally {
  pack.close();
}
