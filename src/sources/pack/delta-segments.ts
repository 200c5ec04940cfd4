import { BadDeltaError, deltaSizes } from './anchor-index.js';

/** A delta's result as segments: each starts at `start` and is a copy from the base at `ref` or inserted bytes of the delta at `ref`. */
export type DeltaSegments = { start: Float64Array; ref: Float64Array; copy: Uint8Array; count: number };

/** Parses a delta's instructions once, for reading single bytes of its result (see byteOfDelta). */
export function deltaSegments(delta: Uint8Array): DeltaSegments {
  const { body } = deltaSizes(delta);
  const start: number[] = [];
  const ref: number[] = [];
  const copy: number[] = [];
  let out = 0;
  let i = body;
  while (i < delta.length) {
    const op = delta[i++]!;
    if (op & 0x80) {
      let offset = 0;
      let size = 0;
      for (let bit = 0; bit < 4; bit++) if (op & (1 << bit)) offset += delta[i++]! * 2 ** (8 * bit);
      for (let bit = 0; bit < 3; bit++) if (op & (0x10 << bit)) size += delta[i++]! * 2 ** (8 * bit);
      start.push(out);
      ref.push(offset);
      copy.push(1);
      out += size === 0 ? 0x10000 : size;
    } else if (op !== 0) {
      start.push(out);
      ref.push(i);
      copy.push(0);
      i += op;
      out += op;
    } else {
      throw new BadDeltaError('reserved delta instruction 0');
    }
  }
  start.push(out);
  return { start: Float64Array.from(start), ref: Float64Array.from(ref), copy: Uint8Array.from(copy), count: ref.length };
}

/** Where byte `x` of the result comes from: `{ insertAt }` in the delta, or `{ baseOffset }` in its base. */
export function locateByte(segments: DeltaSegments, x: number): { insertAt: number } | { baseOffset: number } {
  if (x < 0 || x >= segments.start[segments.count]!) throw new BadDeltaError(`no byte ${x} in a delta of ${segments.start[segments.count]} bytes`);
  let lo = 0;
  let hi = segments.count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segments.start[mid]! <= x) lo = mid;
    else hi = mid - 1;
  }
  const at = segments.ref[lo]! + (x - segments.start[lo]!);
  return segments.copy[lo] === 1 ? { baseOffset: at } : { insertAt: at };
}
