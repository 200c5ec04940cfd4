import type { Problem, SkipReason, SourceBlob } from '../core/types.js';

/** What a source yields: bytes to scan, or an item it had to pass over, or one it could not read. */
export type SourceEvent =
  | { kind: 'blob'; blob: SourceBlob }
  | { kind: 'skip'; path: string; reason: SkipReason }
  | { kind: 'problem'; problem: Problem };

export type Source = AsyncIterable<SourceEvent>;
