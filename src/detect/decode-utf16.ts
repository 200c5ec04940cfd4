import type { DecodedRun } from './decode-base64.js';

/**
 * Keys in UTF-16 text (PowerShell scripts, .reg exports, some Windows configs), little- or big-endian,
 * with or without a byte-order mark. The marker in UTF-16 is a fixed string, so only the run of
 * one-byte code units (U+0000 to U+00FF, which holds every key character and the punctuation around a key)
 * that contains it is decoded, each run once. Such files hold NUL bytes and count as binary: this decoder
 * runs on binary content too.
 */
const MAX_RUN = 1 << 20;

export type Utf16Order = 'utf16le' | 'utf16be';

export function utf16Needles(marker: string): { le: Buffer; be: Buffer } {
  const le = Buffer.from(marker, 'utf16le');
  const be = Buffer.from(le).swap16();
  return { le, be };
}

/** Each run of one-byte code units around a hit (`hits` are needle positions, ascending) that is long enough for a key, decoded as Latin-1. */
export function* decodeUtf16Runs(bytes: Buffer, hits: readonly number[], order: Utf16Order, minKeyLength: number): Generator<DecodedRun> {
  // Little-endian: the unit is [low, 0]; big-endian: [0, low]. `high` is where the zero byte sits in a unit.
  const high = order === 'utf16le' ? 1 : 0;
  let done = -1;
  for (const hit of hits) {
    if (hit < done) continue;
    let start = hit;
    while (start >= 2 && hit - start < MAX_RUN && bytes[start - 2 + high] === 0) start -= 2;
    let end = hit;
    while (end + 1 < bytes.length && end - hit < MAX_RUN && bytes[end + high] === 0) end += 2;
    done = end;
    if (end - start < 2 * minKeyLength) continue;
    const decoded = Buffer.alloc((end - start) / 2);
    for (let i = 0; i < decoded.length; i++) decoded[i] = bytes[start + 2 * i + 1 - high]!;
    yield { decoded, start, end, offsetOf: (d) => start + 2 * d };
  }
}

/**
 * Whether a buffer is UTF-16 text: a byte-order mark, or zero bytes at nearly every other position in its
 * start. Lines and columns of keys found in such text are counted in characters, as an editor shows them.
 */
export function utf16TextOrder(bytes: Buffer): Utf16Order | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf16be';
  const length = Math.min(bytes.length, 8000) & ~1;
  if (length < 16) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < length; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const units = length / 2;
  if (oddZeros >= units * 0.9 && evenZeros < units * 0.1) return 'utf16le';
  if (evenZeros >= units * 0.9 && oddZeros < units * 0.1) return 'utf16be';
  return null;
}
