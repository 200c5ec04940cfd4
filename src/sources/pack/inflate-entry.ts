import { inflateSync } from 'node:zlib';
import { inflateSmall } from './inflate-small.js';

/** Data that does not inflate to the size its header declares: a damaged pack entry or loose object. */
export class BadObjectDataError extends Error {
  override name = 'BadObjectDataError';
}

/**
 * Below this many compressed bytes an entry is inflated in JavaScript (inflate-small.ts), above it by
 * node:zlib, whose cost for a small entry is mostly the set-up of a native stream: on curl's pack, 112,000 of
 * 288,000 entries are under 64 bytes. Scanning curl's pack on one thread (best of five): 4.21 s with the
 * split at 512 bytes, 4.36 s at 256, 4.75 s at 1,024, and 4.42 s with fflate below 512 (node:zlib for every
 * entry had cost 0.6 s more than that, in an earlier measure of inflating alone).
 */
const SMALL = 512;

/**
 * The most compressed bytes a zlib stream of `size` bytes needs (zlib's compressBound, plus its 6-byte
 * wrapper): anything past this is not read, so a gap or junk between entries costs nothing.
 */
export function zlibBound(size: number): number {
  return size + Math.floor(size / 4096) + Math.floor(size / 16384) + Math.floor(size / 33554432) + 13 + 6;
}

/**
 * Inflates one zlib stream whose inflated size is known. The compressed bytes may run on past the stream
 * (the next entry follows it in the pack) on the node:zlib path; the small path is given exact entries.
 */
export function inflateKnownSize(compressed: Uint8Array, size: number, what: string, exact = false, reuse = false): Buffer {
  let out: Buffer;
  try {
    if (exact && compressed.length < SMALL) {
      // `reuse`: the caller is done with the bytes before its next call, so one buffer serves every small entry.
      // One byte more than declared: a longer stream must show.
      const target = reuse && size < scratch.length ? scratch.subarray(0, size + 1) : new Uint8Array(size + 1);
      const { written, trailer } = inflateSmall(compressed, target);
      out = Buffer.from(target.buffer, target.byteOffset, written);
      // A stream misread here (or damaged) cannot match its checksum.
      if (trailer + 4 > compressed.length) throw new Error('stream ends before its Adler-32');
      if (out.length === size && adler32(out) !== readTrailer(compressed, trailer)) throw new Error('Adler-32 checksum does not match');
    } else {
      // One byte more than declared is allowed through, so that a longer stream is caught, not cut.
      out = inflateSync(compressed, { maxOutputLength: size + 1 });
    }
  } catch (error) {
    throw new BadObjectDataError(`${what}: ${(error as Error).message}`, { cause: error });
  }
  if (out.length !== size) throw new BadObjectDataError(`${what}: inflates to ${out.length} bytes, not the ${size} declared`);
  return out;
}

/** Small entries inflate to at most 1,032 times their compressed size (deflate's limit); most are far smaller. */
const scratch = new Uint8Array(SMALL * 1032);

function readTrailer(compressed: Uint8Array, at: number): number {
  return ((compressed[at]! << 24) | (compressed[at + 1]! << 16) | (compressed[at + 2]! << 8) | compressed[at + 3]!) >>> 0;
}

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < bytes.length; ) {
    // 5552 bytes keep the sums below 2^53 before each reduction (zlib's NMAX is smaller, for 32-bit ints).
    const stop = Math.min(bytes.length, i + 5552);
    for (; i < stop; i++) {
      a += bytes[i]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}
