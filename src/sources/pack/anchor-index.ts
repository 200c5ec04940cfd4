import { type AnchorTrie, ancestor } from './anchor-trie.js';

/**
 * Where anchors may end in one object, without the object's bytes: every occurrence of a pivot byte, with
 * the trie node reached by reading backwards from it (the longest run of bytes that is the tail of some
 * anchor). `hit`: a whole anchor occurs. Exact for every object, so a delta's index follows from its base's
 * index and its own instructions (../shared/PACK-SCAN.md explains why).
 */
export type AnchorIndex = { pos: Uint32Array; node: Int16Array; hit: boolean };

/** A delta that breaks its own format (a copy out of its base, a size that does not add up). */
export class BadDeltaError extends Error {
  override name = 'BadDeltaError';
}

/** Walks back from a pivot at `at` through `read(x)` (a byte, or -1 past the start) as far as the trie goes. */
function walkBack(trie: AnchorTrie, node: number, from: number, stop: number, read: (x: number) => number): number {
  let n = node;
  const { child, depth, maxDepth } = trie;
  for (let x = from; x >= stop && depth[n]! < maxDepth && trie.leaf[n] === 0; x--) {
    const next = child[n * 256 + read(x)]!;
    if (next === 0) break;
    n = next;
  }
  return n;
}

/** The index of an object stored whole. */
export function indexWhole(bytes: Uint8Array, trie: AnchorTrie): AnchorIndex {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const found: number[] = [];
  for (const pivot of trie.pivots) for (let i = buffer.indexOf(pivot); i !== -1; i = buffer.indexOf(pivot, i + 1)) found.push(i);
  const pos = Uint32Array.from(found).sort();
  const node = new Int16Array(pos.length);
  let hit = false;
  const read = (x: number) => bytes[x]!;
  for (let k = 0; k < pos.length; k++) {
    const p = pos[k]!;
    const n = walkBack(trie, trie.child[bytes[p]!]!, p - 1, 0, read);
    node[k] = n;
    if (trie.complete[n] === 1) hit = true;
  }
  return { pos, node, hit };
}

/** Reads a varint of a delta header (7 bits a byte, least significant first). */
function header(delta: Uint8Array, at: number): [number, number] {
  let value = 0;
  let shift = 0;
  let i = at;
  for (;;) {
    if (i >= delta.length) throw new BadDeltaError('delta header runs past its data');
    const b = delta[i++]!;
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if ((b & 0x80) === 0) return [value, i];
  }
}

/** The sizes a delta declares: of its base, and of the object it makes. */
export function deltaSizes(delta: Uint8Array): { baseSize: number; resultSize: number; body: number } {
  const [baseSize, afterBase] = header(delta, 0);
  const [resultSize, body] = header(delta, afterBase);
  return { baseSize, resultSize, body };
}

/**
 * The index of an object stored as a delta over a base whose index is `base`. `baseByte(offset)` reads one
 * byte of the base: asked only where an anchor's tail reaches across the start of a segment, which is rare.
 */
export function indexDelta(delta: Uint8Array, base: AnchorIndex, trie: AnchorTrie, baseByte: (offset: number) => number): AnchorIndex {
  const { baseSize, resultSize, body } = deltaSizes(delta);
  const { child, complete, depth } = trie;
  // Segments so far, to read a byte of this object before the segment being indexed.
  let segmentCount = 0;
  const byteOf = (x: number): number => {
    let lo = 0;
    let hi = segmentCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segments.segStart[mid]! <= x) lo = mid;
      else hi = mid - 1;
    }
    const at = segments.segRef[lo]! + (x - segments.segStart[lo]!);
    return segments.segCopy[lo] === 1 ? baseByte(at) : delta[at]!;
  };
  const pushSegment = (start: number, ref: number, copy: number) => {
    if (segmentCount === segments.segStart.length) growSegments();
    segments.segStart[segmentCount] = start;
    segments.segRef[segmentCount] = ref;
    segments.segCopy[segmentCount++] = copy;
  };
  let count = 0;
  let hit = false;
  const add = (p: number, n: number) => {
    if (count === scratch.pos.length) grow();
    scratch.pos[count] = p;
    scratch.node[count++] = n;
    if (complete[n] === 1) hit = true;
  };
  let out = 0;
  let i = body;
  while (i < delta.length) {
    const op = delta[i++]!;
    if (op & 0x80) {
      let offset = 0;
      let size = 0;
      for (let bit = 0; bit < 4; bit++) if (op & (1 << bit)) offset += delta[i++]! * 2 ** (8 * bit);
      for (let bit = 0; bit < 3; bit++) if (op & (0x10 << bit)) size += delta[i++]! * 2 ** (8 * bit);
      if (i > delta.length) throw new BadDeltaError('copy instruction runs past the delta');
      if (size === 0) size = 0x10000;
      if (offset + size > baseSize) throw new BadDeltaError(`copy of ${size} bytes at ${offset} reaches past a base of ${baseSize}`);
      if (out + size > resultSize) throw new BadDeltaError('delta writes past its declared size');
      pushSegment(out, offset, 1);
      // The base's entries inside the copied range, shifted; one cut by the copy's start reads on backwards.
      let k = lowerBound(base.pos, offset);
      const end = offset + size;
      for (; k < base.pos.length && base.pos[k]! < end; k++) {
        const p = base.pos[k]!;
        let n = base.node[k]!;
        // A tail that reaches back to the copy's first byte may read on: the bytes before differ from the base's.
        if (p - depth[n]! + 1 <= offset) n = walkBack(trie, ancestor(trie, n, p - offset + 1), out - 1, 0, byteOf);
        add(out + (p - offset), n);
      }
      out += size;
    } else if (op !== 0) {
      if (i + op > delta.length) throw new BadDeltaError('insert runs past the delta');
      if (out + op > resultSize) throw new BadDeltaError('delta writes past its declared size');
      pushSegment(out, i, 0);
      for (let j = i; j < i + op; j++) {
        const first = child[delta[j]!]!;
        if (first === 0) continue;
        // Back through the inserted bytes, then on into earlier segments.
        let n = walkBack(trie, first, j - 1, i, (x) => delta[x]!);
        if (depth[n]! === j - i + 1) n = walkBack(trie, n, out - 1, 0, byteOf);
        add(out + (j - i), n);
      }
      i += op;
      out += op;
    } else {
      throw new BadDeltaError('reserved delta instruction 0');
    }
  }
  if (out !== resultSize) throw new BadDeltaError(`delta makes ${out} bytes, not the ${resultSize} it declares`);
  return { pos: scratch.pos.slice(0, count), node: scratch.node.slice(0, count), hit };
}

/** One set of work arrays for every delta: the result is copied out at its exact size. */
const scratch = { pos: new Uint32Array(1 << 16), node: new Int16Array(1 << 16) };
function grow(): void {
  const pos = new Uint32Array(scratch.pos.length * 2);
  const node = new Int16Array(scratch.node.length * 2);
  pos.set(scratch.pos);
  node.set(scratch.node);
  scratch.pos = pos;
  scratch.node = node;
}

/** The segments of the delta being indexed, for reading its earlier bytes. */
const segments = { segStart: new Float64Array(1 << 12), segRef: new Float64Array(1 << 12), segCopy: new Uint8Array(1 << 12) };
function growSegments(): void {
  const size = segments.segStart.length * 2;
  const segStart = new Float64Array(size);
  const segRef = new Float64Array(size);
  const segCopy = new Uint8Array(size);
  segStart.set(segments.segStart);
  segRef.set(segments.segRef);
  segCopy.set(segments.segCopy);
  Object.assign(segments, { segStart, segRef, segCopy });
}

function lowerBound(sorted: Uint32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
