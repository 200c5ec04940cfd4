import { BadPackError, OBJ_OFS_DELTA, OBJ_REF_DELTA, type PackFile } from './pack-entry.js';
import { type PackIndex, findInIndex } from './pack-index-file.js';
import { zlibBound } from './inflate-entry.js';

/**
 * A pack's entries in offset order (entry `e`), read from their headers alone: where each one's data lies,
 * its type (a delta's is its base's), its base and how many deltas use it. Plain typed arrays, so that
 * worker threads can be handed a copy.
 */
export type PackLayout = {
  count: number;
  /** `order[e]`: the entry's position in the index (and so its id). */
  order: Uint32Array;
  offsets: Float64Array;
  dataStart: Float64Array;
  /** Where the entry's compressed data ends: the next entry, or the pack's trailer. */
  dataEnd: Float64Array;
  /** The inflated size of the entry's own data (for a delta, of the delta). */
  size: Float64Array;
  /** 1–4 (commit, tree, blob, tag), inherited by deltas; 0 when unknown (a broken entry). */
  type: Uint8Array;
  /** The base entry of a delta, or -1. */
  base: Int32Array;
  children: Uint32Array;
  /** Entries that cannot be read here, and why (a base outside the pack, a damaged header). */
  broken: Map<number, string>;
};

export function readPackLayout(pack: PackFile, index: PackIndex): PackLayout {
  const n = index.count;
  const order = offsetOrder(index);
  const offsets = shared(Float64Array, n);
  for (let e = 0; e < n; e++) offsets[e] = index.offsets[order[e]!]!;
  const positionOf = new Uint32Array(n);
  order.forEach((i, e) => (positionOf[i] = e));
  const dataEnd = shared(Float64Array, n);
  for (let e = 0; e < n; e++) dataEnd[e] = e + 1 < n ? offsets[e + 1]! : pack.size - 20;
  const layout: PackLayout = {
    count: n,
    order: shared(Uint32Array, n),
    offsets,
    dataStart: shared(Float64Array, n),
    dataEnd,
    size: shared(Float64Array, n),
    type: shared(Uint8Array, n),
    base: shared(Int32Array, n).fill(-1),
    children: shared(Uint32Array, n),
    broken: new Map(),
  };
  layout.order.set(order);
  const { type, base, children, broken, dataStart, size } = layout;
  for (let e = 0; e < n; e++) {
    const offset = offsets[e]!;
    try {
      // Headers are parsed in place (no object per entry): this pass runs on the main thread, before the split.
      const bytes = pack.range(offset, Math.min(offset + 32, layout.dataEnd[e]!));
      let i = 0;
      const next = () => {
        if (i >= bytes.length) throw new BadPackError(`entry at ${offset}: header runs past the pack`);
        return bytes[i++]!;
      };
      let c = next();
      const kind = (c >> 4) & 7;
      let entrySize = c & 15;
      for (let shift = 4; c & 0x80; shift += 7) {
        c = next();
        entrySize += (c & 0x7f) * 2 ** shift;
      }
      size[e] = entrySize;
      if (kind !== OBJ_OFS_DELTA && kind !== OBJ_REF_DELTA) {
        if (kind < 1 || kind > 4) throw new BadPackError(`entry at ${offset}: unknown type ${kind}`);
        type[e] = kind;
        dataStart[e] = offset + i;
        capEnd(layout, e);
        continue;
      }
      let b: number;
      if (kind === OBJ_OFS_DELTA) {
        c = next();
        let distance = c & 0x7f;
        while (c & 0x80) {
          c = next();
          distance = (distance + 1) * 128 + (c & 0x7f);
        }
        b = entryAt(offsets, offset - distance);
      } else {
        if (i + 20 > bytes.length) throw new BadPackError(`entry at ${offset}: base id runs past the pack`);
        b = refBase(index, bytes.subarray(i, i + 20), positionOf);
        i += 20;
      }
      dataStart[e] = offset + i;
      capEnd(layout, e);
      // A base precedes its deltas in every pack git writes; anything else is read through git.
      if (b === -1) broken.set(e, kind === OBJ_OFS_DELTA ? 'delta base is not an entry of the pack' : 'delta base is outside the pack');
      else if (b >= e) broken.set(e, 'delta base comes later in the pack');
      else if (broken.has(b)) broken.set(e, `its delta base could not be read (${broken.get(b)})`);
      else {
        base[e] = b;
        type[e] = type[b]!;
        children[b]!++;
      }
    } catch (error) {
      if (!(error instanceof BadPackError)) throw error;
      broken.set(e, error.message);
    }
  }
  return layout;
}

type TypedArrayOf<T> = { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number };

/** A typed array on shared memory: worker threads are handed the layout without a copy of it each. */
function shared<T>(Type: TypedArrayOf<T>, n: number): T {
  return new Type(new SharedArrayBuffer(n * Type.BYTES_PER_ELEMENT));
}

/** Index positions in offset order: a numeric sort of offset and position packed in one double when both fit (packs under 2 GiB), else a comparator sort. */
function offsetOrder(index: PackIndex): Uint32Array {
  const n = index.count;
  const fits = n < 2 ** 22 && index.offsets.every((o) => o < 2 ** 31);
  if (!fits) return Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => index.offsets[a]! - index.offsets[b]!);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = index.offsets[i]! * 4194304 + i;
  keys.sort();
  const order = new Uint32Array(n);
  for (let e = 0; e < n; e++) order[e] = keys[e]! % 4194304;
  return order;
}

/** An entry's data is never read past what its declared size can need (a gap in a hostile pack is skipped, not read). */
function capEnd(layout: PackLayout, e: number): void {
  layout.dataEnd[e] = Math.min(layout.dataEnd[e]!, layout.dataStart[e]! + zlibBound(layout.size[e]!));
}

function entryAt(offsets: Float64Array, offset: number): number {
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid]! === offset) return mid;
    if (offsets[mid]! < offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function refBase(index: PackIndex, id: Buffer, positionOf: Uint32Array): number {
  const i = findInIndex(index, id);
  return i === -1 ? -1 : positionOf[i]!;
}

/**
 * Splits the entries between `parts` workers by delta family (an entry goes with its base, so every
 * family is read by one worker), balancing compressed bytes: `owner[e]` is the entry's worker.
 */
export function splitByFamily(layout: PackLayout, parts: number): Uint8Array {
  const n = layout.count;
  const root = new Int32Array(n);
  const bytes = new Map<number, number>();
  for (let e = 0; e < n; e++) {
    const b = layout.base[e]!;
    root[e] = b === -1 ? e : root[b]!;
    bytes.set(root[e]!, (bytes.get(root[e]!) ?? 0) + (layout.dataEnd[e]! - layout.offsets[e]!));
  }
  const load = new Float64Array(parts);
  const partOf = new Map<number, number>();
  for (const [family, size] of [...bytes].sort((a, b) => b[1] - a[1])) {
    let least = 0;
    for (let p = 1; p < parts; p++) if (load[p]! < load[least]!) least = p;
    partOf.set(family, least);
    load[least]! += size;
  }
  return Uint8Array.from(root, (r) => partOf.get(r)!);
}
