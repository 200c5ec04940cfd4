import { BadPackError, OBJ_OFS_DELTA, OBJ_REF_DELTA, type PackFile, parseEntryHeader } from './pack-entry.js';
import { type PackIndex, findInIndex } from './pack-index-file.js';

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
  const offsets = Float64Array.from(order, (i) => index.offsets[i]!);
  const positionOf = new Uint32Array(n);
  order.forEach((i, e) => (positionOf[i] = e));
  const layout: PackLayout = {
    count: n,
    order,
    offsets,
    dataStart: new Float64Array(n),
    dataEnd: Float64Array.from(offsets, (_, e) => (e + 1 < n ? offsets[e + 1]! : pack.size - 20)),
    size: new Float64Array(n),
    type: new Uint8Array(n),
    base: new Int32Array(n).fill(-1),
    children: new Uint32Array(n),
    broken: new Map(),
  };
  const { type, base, children, broken } = layout;
  for (let e = 0; e < n; e++) {
    const offset = offsets[e]!;
    try {
      const header = parseEntryHeader(pack.range(offset, Math.min(offset + 32, layout.dataEnd[e]!)), offset, offset);
      layout.dataStart[e] = header.dataStart;
      layout.size[e] = header.size;
      if (header.type !== OBJ_OFS_DELTA && header.type !== OBJ_REF_DELTA) {
        type[e] = header.type;
        continue;
      }
      // A base precedes its deltas in every pack git writes; anything else is read through git.
      const b = header.type === OBJ_OFS_DELTA ? entryAt(offsets, header.baseOffset) : refBase(index, header.baseId!, positionOf);
      if (b === -1) broken.set(e, header.type === OBJ_OFS_DELTA ? 'delta base is not an entry of the pack' : 'delta base is outside the pack');
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

/** Index positions in offset order: a numeric sort of offset and position packed in one double when both fit (packs under 2 GiB), else a comparator sort. */
function offsetOrder(index: PackIndex): Uint32Array {
  const n = index.count;
  const fits = n < 2 ** 22 && index.offsets.every((o) => o < 2 ** 31);
  if (!fits) return Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => index.offsets[a]! - index.offsets[b]!);
  const keys = Float64Array.from(index.offsets, (o, i) => o * 2 ** 22 + i).sort();
  return Uint32Array.from(keys, (k) => k % 2 ** 22);
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
