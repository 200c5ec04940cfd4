import { type AnchorTrie, ancestor } from './anchor-trie.js';
import { pivotsIn } from './pivot-positions.js';
import { gallop, lowerBound } from './sorted-search.js';

/**
 * Where anchors may end in one object, without the object's bytes: every occurrence of a pivot byte, with
 * the trie node reached by reading backwards from it (the longest run of bytes that is the tail of some
 * anchor). `hit`: a whole anchor occurs. Exact for every object, so a delta's index follows from its base's
 * index and its own instructions (../shared/PACK-SCAN.md explains why).
 */
export type AnchorIndex = { pos: Uint32Array; node: Int16Array; hit: boolean };

/** The empty index of an object whose entries are not kept. */
const NONE = { pos: new Uint32Array(0), node: new Int16Array(0) };

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

/**
 * The index of an object stored whole. With `keep` false (no delta is based on it) only the verdict is
 * wanted: the search stops at the first whole anchor and nothing is allocated.
 */
export function indexWhole(bytes: Uint8Array, trie: AnchorTrie, keep = true): AnchorIndex {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const { child, complete } = trie;
  const read = (x: number) => bytes[x]!;
  if (!keep) {
    for (const pivot of trie.pivots) {
      for (let i = buffer.indexOf(pivot); i !== -1; i = buffer.indexOf(pivot, i + 1)) {
        if (complete[walkBack(trie, child[pivot]!, i - 1, 0, read)] === 1) return { pos: NONE.pos, node: NONE.node, hit: true };
      }
    }
    return { pos: NONE.pos, node: NONE.node, hit: false };
  }
  const found: number[] = [];
  for (const pivot of trie.pivots) for (let i = buffer.indexOf(pivot); i !== -1; i = buffer.indexOf(pivot, i + 1)) found.push(i);
  const pos = Uint32Array.from(found).sort();
  const node = new Int16Array(pos.length);
  let hit = false;
  for (let k = 0; k < pos.length; k++) {
    const p = pos[k]!;
    const n = walkBack(trie, child[bytes[p]!]!, p - 1, 0, read);
    node[k] = n;
    if (complete[n] === 1) hit = true;
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
 * Written as one loop over plain locals: it runs once per delta in the history, over every pivot carried.
 */
export function indexDelta(delta: Uint8Array, base: AnchorIndex, trie: AnchorTrie, baseByte: (offset: number) => number, keep = true): AnchorIndex {
  const { baseSize, resultSize, body } = deltaSizes(delta);
  const { child, complete, depth, leaf, maxDepth } = trie;
  const basePos = base.pos;
  const baseNode = base.node;
  const baseCount = basePos.length;
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
  let outPos = scratch.pos;
  let outNode = scratch.node;
  let count = 0;
  let hit = false;
  let out = 0;
  let i = body;
  let cursor = 0;
  const length = delta.length;
  // Where pivot bytes are in the delta, found natively: an insert is searched through this list, not byte by byte.
  const { at: pivotAt, count: pivotCount } = pivotsIn(delta, body, trie.pivots);
  let next = 0;
  while (i < length) {
    const op = delta[i++]!;
    if (op === 0) throw new BadDeltaError('reserved delta instruction 0');
    if (segmentCount === segments.segStart.length) growSegments();
    segments.segStart[segmentCount] = out;
    if (op & 0x80) {
      let offset = 0;
      let size = 0;
      if (op & 0x01) offset = delta[i++]!;
      if (op & 0x02) offset |= delta[i++]! << 8;
      if (op & 0x04) offset |= delta[i++]! << 16;
      if (op & 0x08) offset += delta[i++]! * 0x1000000;
      if (op & 0x10) size = delta[i++]!;
      if (op & 0x20) size |= delta[i++]! << 8;
      if (op & 0x40) size |= delta[i++]! << 16;
      if (i > length) throw new BadDeltaError('copy instruction runs past the delta');
      if (size === 0) size = 0x10000;
      if (offset + size > baseSize) throw new BadDeltaError(`copy of ${size} bytes at ${offset} reaches past a base of ${baseSize}`);
      if (out + size > resultSize) throw new BadDeltaError('delta writes past its declared size');
      segments.segRef[segmentCount] = offset;
      segments.segCopy[segmentCount++] = 1;
      // The base's entries inside the copied range, shifted; one whose tail reaches the copy's first byte
      // reads on backwards, since the bytes before it are not the base's.
      const end = offset + size;
      const shift = out - offset;
      // Copies mostly read the base front to back: gallop on from the last copy's place when that is behind.
      let k = baseCount === 0 ? 0 : cursor > 0 && basePos[cursor - 1]! < offset ? gallop(basePos, cursor, offset) : lowerBound(basePos, offset);
      // Only an entry within the longest anchor of the copy's start can reach back to it: those one by one...
      const edge = offset + maxDepth;
      for (; k < baseCount; k++) {
        const p = basePos[k]!;
        if (p >= end || p >= edge) break;
        let n = baseNode[k]!;
        if (p - depth[n]! + 1 <= offset) {
          n = ancestor(trie, n, p - offset + 1);
          if (leaf[n] === 0) n = walkBack(trie, n, out - 1, 0, byteOf);
        }
        if (count === outPos.length) ({ pos: outPos, node: outNode } = grow());
        outPos[count] = p + shift;
        outNode[count++] = n;
        if (complete[n] === 1) hit = true;
      }
      // ...and the rest, wholly inside the copy, come over as they are, shifted: most of a history's work.
      if (k < baseCount && basePos[k]! < end) {
        const stop = gallop(basePos, k, end);
        const many = stop - k;
        while (count + many > outPos.length) ({ pos: outPos, node: outNode } = grow());
        // A view costs an allocation: worth it only for a long run.
        if (many > 64) outNode.set(baseNode.subarray(k, stop), count);
        else for (let j = 0; j < many; j++) outNode[count + j] = baseNode[k + j]!;
        for (let j = 0; j < many; j++) outPos[count + j] = basePos[k + j]! + shift;
        if (base.hit && !hit) for (let j = k; j < stop && !hit; j++) hit = complete[baseNode[j]!] === 1;
        count += many;
        k = stop;
      }
      cursor = k;
      out += size;
    } else {
      if (i + op > length) throw new BadDeltaError('insert runs past the delta');
      if (out + op > resultSize) throw new BadDeltaError('delta writes past its declared size');
      segments.segRef[segmentCount] = i;
      segments.segCopy[segmentCount++] = 0;
      const stop = i + op;
      while (next < pivotCount && pivotAt[next]! < i) next++;
      for (; next < pivotCount && pivotAt[next]! < stop; next++) {
        const j = pivotAt[next]!;
        let n = child[delta[j]!]!;
        // Back through the inserted bytes, then on into earlier segments.
        let x = j - 1;
        while (x >= i && leaf[n] === 0) {
          const further = child[n * 256 + delta[x]!]!;
          if (further === 0) break;
          n = further;
          x--;
        }
        if (x < i && leaf[n] === 0) n = walkBack(trie, n, out - 1, 0, byteOf);
        if (count === outPos.length) ({ pos: outPos, node: outNode } = grow());
        outPos[count] = out + (j - i);
        outNode[count++] = n;
        if (complete[n] === 1) hit = true;
      }
      i = stop;
      out += op;
    }
  }
  if (out !== resultSize) throw new BadDeltaError(`delta makes ${out} bytes, not the ${resultSize} it declares`);
  // An object no delta is based on needs only its verdict: the entries are not copied out.
  return keep ? { pos: outPos.slice(0, count), node: outNode.slice(0, count), hit } : { pos: NONE.pos, node: NONE.node, hit };
}


/** One set of work arrays for every delta: the result is copied out at its exact size. */
const scratch: { pos: Uint32Array; node: Int16Array } = { pos: new Uint32Array(1 << 16), node: new Int16Array(1 << 16) };
function grow(): typeof scratch {
  const pos = new Uint32Array(scratch.pos.length * 2);
  const node = new Int16Array(scratch.node.length * 2);
  pos.set(scratch.pos);
  node.set(scratch.node);
  scratch.pos = pos;
  scratch.node = node;
  return scratch;
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
