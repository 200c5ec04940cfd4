import type { BlobDetection } from './detect-blob.js';

/**
 * Main thread → worker: files to read and scan. A name that is not UTF-8 travels as its bytes: a Buffer
 * is structured-cloned, and arrives as a plain Uint8Array.
 */
export type FileBatch = { id: number; maxFileSize: number; files: Array<{ absolute: string | Uint8Array; path: string }> };

export type FileOutcome =
  | { path: string; kind: 'scanned'; byteLength: number; detection: BlobDetection | null }
  | { path: string; kind: 'too-large' }
  | { path: string; kind: 'error'; code: string };

/** Worker → main thread: one outcome per file of the batch. */
export type BatchResult = { id: number; outcomes: FileOutcome[] };
