import { parentPort, workerData } from 'node:worker_threads';
import { compileRules } from '../rules/compile-rules.js';
import type { RuleFileSpec } from '../rules/rule-types.js';
import { createSyncReader } from '../sources/read-bounded-sync.js';
import { createBlobDetector } from './detect-blob.js';
import type { BatchResult, FileBatch, FileOutcome } from './file-scan-protocol.js';

// A worker thread reads and scans whole batches synchronously: on a dedicated thread blocking reads are
// the cheapest way to pull bytes from the page cache, and the main thread stays free to walk and collect.
const { spec, decode } = workerData as { spec: RuleFileSpec; decode: boolean };
const detectBlob = createBlobDetector({ ...compileRules(spec), decode });
const readBounded = createSyncReader();

parentPort!.on('message', (batch: FileBatch) => {
  const outcomes: FileOutcome[] = batch.files.map(({ absolute, path }) => {
    const read = readBounded(typeof absolute === 'string' ? absolute : Buffer.from(absolute.buffer, absolute.byteOffset, absolute.byteLength), batch.maxFileSize);
    if (read.kind === 'too-large') return { path, kind: 'too-large' };
    if (read.kind === 'error') return { path, kind: 'error', code: read.code };
    return { path, kind: 'scanned', byteLength: read.bytes.length, detection: detectBlob(read.bytes) };
  });
  const result: BatchResult = { id: batch.id, outcomes };
  parentPort!.postMessage(result);
});
