import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { REGULAR_FILE_FLAGS } from '../read-bounded-sync.js';

/** Object types as a pack numbers them; 6 and 7 are deltas (over a base at an offset, or named by id). */
export const OBJ_COMMIT = 1;
export const OBJ_TREE = 2;
export const OBJ_BLOB = 3;
export const OBJ_TAG = 4;
export const OBJ_OFS_DELTA = 6;
export const OBJ_REF_DELTA = 7;

/** A pack that breaks the format where keysweep reads it. */
export class BadPackError extends Error {
  override name = 'BadPackError';
}

/**
 * A file of the object store, read at offsets: a pack in offset order through one window, so memory stays
 * bounded however large the pack (an entry larger than the window gets a buffer of its own; `range` hands
 * out bytes [start, end)), or an index or loose object read once (`pread`).
 */
export type PackFile = { size: number; range(start: number, end: number): Buffer; pread(start: number, end: number): Buffer; close(): void };

/** A file that was swapped for something else (a FIFO, a device) between the store's listing and its opening. */
export class NotRegularFileError extends Error {
  override name = 'NotRegularFileError';
}

/** Opens a regular file only: no symlink is followed and a FIFO cannot block the open (read-bounded-sync.ts). */
export function openPackFile(path: string, windowBytes = 8 << 20): PackFile {
  const fd = openSync(path, REGULAR_FILE_FLAGS);
  const stat = fstatSync(fd);
  if (!stat.isFile()) {
    closeSync(fd);
    throw new NotRegularFileError(`${path} is not a regular file`);
  }
  const size = stat.size;
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
