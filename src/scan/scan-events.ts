import type { Origin } from '../core/types.js';
import type { SourceEvent } from '../sources/source-events.js';
import type { BlobDetection } from './detect-blob.js';

/** A blob already run through the detector elsewhere (a worker thread): only its size and matches travel. */
export type DetectedEvent = { kind: 'detected'; origin: Origin; byteLength: number; detection: BlobDetection | null };

/** What the pipeline consumes: raw blobs from sources, or blobs detected in parallel. */
export type ScanEvent = SourceEvent | DetectedEvent;
