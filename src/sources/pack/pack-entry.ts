import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Object types as a pack numbers them; 6 and 7 are deltas (over a base at an offset, or named by id). */
export const OBJ_COMMIT = 1;
export const OBJ_TREE = 2;
export const OBJ_BLOB = 3;
export const OBJ_TAG = 4;
export const OBJ_OFS_DELTA = 6;
export const OBJ_REF_DELTA = 7;

/** A pack entry's header: its type, its size (inflated), where its data starts, and its base if it is a delta. */
export type EntryHeader = { type: number; size: number; dataStart: number; baseOffset: number; baseId: Buffer | null };

/** A pack that breaks the format where keysweep reads it. */
export class BadPackError extends Error {
  override name = 'BadPackError';
}

/** Parses the header of the entry at `offset`; `bytes[0]` is the pack's byte at `at`. */
export function parseEntryHeader(bytes: Uint8Array, at: number, offset: number): EntryHeader {
  let i = offset - at;
  const next = () => {
    if (i >= bytes.length) throw new BadPackError(`entry at ${offset}: header runs past the pack`);
    return bytes[i++]!;
  };
  let c = next();
  const type = (c >> 4) & 7;
  let size = c & 15;
  let shift = 4;
  while (c & 0x80) {
    c = next();
    size += (c & 0x7f) * 2 ** shift;
    shift += 7;
  }
  let baseOffset = -1;
  let baseId: Buffer | null = null;
  if (type === OBJ_OFS_DELTA) {
    c = next();
    let distance = c & 0x7f;
    while (c & 0x80) {
      c = next();
      distance = (distance + 1) * 128 + (c & 0x7f);
    }
    baseOffset = offset - distance;
    if (baseOffset < 12) throw new BadPackError(`entry at ${offset}: base offset before the pack's first entry`);
  } else if (type === OBJ_REF_DELTA) {
    if (i + 20 > bytes.length) throw new BadPackError(`entry at ${offset}: base id runs past the pack`);
    baseId = Buffer.from(bytes.subarray(i, i + 20));
    i += 20;
  } else if (type < OBJ_COMMIT || type > OBJ_TAG) {
    throw new BadPackError(`entry at ${offset}: unknown type ${type}`);
  }
  return { type, size, dataStart: at + i, baseOffset, baseId };
}

/**
 * Reads a pack in offset order through one window, so memory stays bounded however large the pack; an
 * entry larger than the window gets a buffer of its own. `range` hands out bytes [start, end).
 */
export type PackFile = { size: number; range(start: number, end: number): Buffer; pread(start: number, end: number): Buffer; close(): void };

export function openPackFile(path: string, windowBytes = 8 << 20): PackFile {
  const fd = openSync(path, 'r');
  const size = fstatSync(fd).size;
  let window = Buffer.alloc(0);
  let windowStart = 0;
  const pread = (start: number, end: number) => {
    const out = Buffer.allocUnsafe(Math.max(0, Math.min(end, size) - start));
    let done = 0;
    while (done < out.length) {
      const n = readSync(fd, out, done, out.length - done, start + done);
      if (n === 0) break;
      done += n;
    }
    return done === out.length ? out : out.subarray(0, done);
  };
  return {
    size,
    range(start, end) {
      if (start < windowStart || end > windowStart + window.length) {
        window = pread(start, Math.max(end, start + windowBytes));
        windowStart = start;
      }
      return window.subarray(start - windowStart, end - windowStart);
    },
    pread,
    close: () => closeSync(fd),
  };
}
