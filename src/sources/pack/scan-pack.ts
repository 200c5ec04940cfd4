import { type AnchorIndex, BadDeltaError, deltaSizes, indexDelta, indexWhole } from './anchor-index.js';
import type { AnchorTrie } from './anchor-trie.js';
import { type DeltaSegments, deltaSegments, locateByte } from './delta-segments.js';
import { BadObjectDataError, inflateKnownSize } from './inflate-entry.js';
import { BadPackError, type EntryHeader, OBJ_BLOB, OBJ_COMMIT, OBJ_OFS_DELTA, OBJ_REF_DELTA, OBJ_TAG, OBJ_TREE, type PackFile, parseEntryHeader } from './pack-entry.js';
import { type PackIndex, findInIndex } from './pack-index-file.js';

export type ObjectType = 'commit' | 'tree' | 'blob' | 'tag';
const TYPE_NAMES: Record<number, ObjectType> = { [OBJ_COMMIT]: 'commit', [OBJ_TREE]: 'tree', [OBJ_BLOB]: 'blob', [OBJ_TAG]: 'tag' };

/** An object a pack scan reports: a candidate, one over the size limit, or one it could not read itself. */
export type PackObject = { id: string; type: ObjectType; size: number };
export type UnreadObject = { id: string; reason: string };

/** What to look for: the anchors, which types matter, and the size over which an object is only named. */
export type PackScanOptions = {
  /** The anchors for each type: trees hold names and binary ids, so they are searched for fewer. */
  trieFor: (type: ObjectType) => AnchorTrie;
  want: (type: ObjectType) => boolean;
  maxSize: number;
  /** Called once per object across packs and loose objects: false for an id already counted elsewhere (not needed for a single pack). */
  firstSight?: (id: string, type: ObjectType) => boolean;
  /** Objects to read whole whatever they hold (history counts Git LFS pointers, which are small blobs). */
  readAnyway?: (type: ObjectType, size: number) => boolean;
  /** Types whose every id is wanted (a sweep records blobs; a scan of every object attributes from every commit). */
  collect?: ReadonlySet<ObjectType>;
  /** Each object's anchor index as the deltas made it: the differential tests compare it with the index of the object read whole. */
  onIndex?: (id: string, index: AnchorIndex) => void;
};

export type PackScanResult = {
  /** Objects of each wanted type the pack holds. */
  counts: Record<ObjectType, number>;
  /** Objects that hold an anchor: read them through git and scan them whole. */
  candidates: PackObject[];
  oversize: PackObject[];
  /** Objects this reader could not index (a damaged entry, a base outside the pack): read through git. */
  unread: UnreadObject[];
  /** The ids of every object of the types asked for in `collect`. */
  ids: Record<ObjectType, string[]>;
};

export const emptyScanResult = (): PackScanResult => ({ counts: { commit: 0, tree: 0, blob: 0, tag: 0 }, candidates: [], oversize: [], unread: [], ids: { commit: [], tree: [], blob: [], tag: [] } });

const idAt = (index: PackIndex, i: number) => index.ids.toString('hex', i * 20, (i + 1) * 20);

/**
 * Scans one pack at the delta level: each entry is inflated once, in offset order; an object stored whole
 * is searched for the anchors' pivot bytes, a delta carries its base's anchor index through its copies and
 * searches only its inserts. Nothing is rebuilt. `yieldEvery` lets the event loop breathe between entries.
 */
export async function scanPack(pack: PackFile, index: PackIndex, options: PackScanOptions, breathe: () => Promise<void> = () => new Promise((r) => setImmediate(r))): Promise<PackScanResult> {
  const n = index.count;
  // Entries in offset order: `order[e]` is the index position of the e-th entry.
  const order = offsetOrder(index);
  const offsets = Float64Array.from(order, (i) => index.offsets[i]!);
  const entryAt = (offset: number) => {
    let lo = 0;
    let hi = n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (offsets[mid]! === offset) return mid;
      if (offsets[mid]! < offset) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  };
  const positionOf = new Uint32Array(n);
  order.forEach((i, e) => (positionOf[i] = e));
  const end = pack.size - 20;
  const headers: EntryHeader[] = new Array(n);
  const type = new Uint8Array(n);
  const base = new Int32Array(n).fill(-1);
  const children = new Uint32Array(n);
  const broken = new Map<number, string>();
  // Pass 1: headers only. Types pass from base to delta (a base precedes its deltas, or the entry is unread).
  for (let e = 0; e < n; e++) {
    const offset = offsets[e]!;
    const next = e + 1 < n ? offsets[e + 1]! : end;
    try {
      const header = parseEntryHeader(pack.range(offset, Math.min(offset + 32, next)), offset, offset);
      headers[e] = header;
      if (header.type === OBJ_OFS_DELTA || header.type === OBJ_REF_DELTA) {
        const b = header.type === OBJ_OFS_DELTA ? entryAt(header.baseOffset) : refBase(index, header.baseId!, positionOf);
        if (b === -1) broken.set(e, header.type === OBJ_OFS_DELTA ? 'delta base is not an entry of the pack' : 'delta base is outside the pack');
        else if (b >= e) broken.set(e, 'delta base comes later in the pack');
        else if (broken.has(b)) broken.set(e, `its delta base could not be read (${broken.get(b)})`);
        else {
          base[e] = b;
          type[e] = type[b]!;
          children[b]!++;
        }
      } else {
        type[e] = header.type;
      }
    } catch (error) {
      if (!(error instanceof BadPackError)) throw error;
      broken.set(e, error.message);
    }
  }
  const result = emptyScanResult();
  const indexes = new Map<number, AnchorIndex>();
  // Entries re-read to answer single bytes, most recent first out when full.
  const cache = new Map<number, { data: Buffer; segments: DeltaSegments | null }>();
  const inflated = (e: number) => {
    let entry = cache.get(e);
    if (!entry) {
      const h = headers[e]!;
      const data = inflateKnownSize(pack.pread(h.dataStart, e + 1 < n ? offsets[e + 1]! : end), h.size, `pack entry at ${offsets[e]}`, true);
      entry = { data, segments: base[e] === -1 ? null : deltaSegments(data) };
      if (cache.size >= 256) cache.delete(cache.keys().next().value!);
      cache.set(e, entry);
    }
    return entry;
  };
  const byteAt = (e: number, x: number) => objectByte(e, x, base, inflated);
  // Pass 2: index each wanted entry once, in offset order.
  for (let e = 0; e < n; e++) {
    if (e % 2048 === 2047) await breathe();
    const wanted = type[e] !== 0 && options.want(TYPE_NAMES[type[e]!]!);
    const b = base[e]!;
    if (broken.has(e)) {
      if (type[e] === 0 || wanted) result.unread.push({ id: idAt(index, order[e]!), reason: broken.get(e)! });
      continue;
    }
    if (!wanted) continue;
    const h = headers[e]!;
    let found: AnchorIndex;
    let size = h.size;
    try {
      const data = inflateKnownSize(pack.range(h.dataStart, e + 1 < n ? offsets[e + 1]! : end), h.size, `pack entry at ${offsets[e]}`, true);
      const trie = options.trieFor(TYPE_NAMES[type[e]!]!);
      if (b === -1) found = indexWhole(data, trie);
      else {
        const baseIndex = indexes.get(b);
        if (!baseIndex) throw new BadDeltaError('its delta base could not be read');
        found = indexDelta(data, baseIndex, trie, (x) => byteAt(b, x), children[e]! > 0 || options.onIndex !== undefined);
        size = deltaSizes(data).resultSize;
      }
    } catch (error) {
      if (!(error instanceof BadDeltaError || error instanceof BadObjectDataError || error instanceof BadPackError)) throw error;
      broken.set(e, error.message);
      result.unread.push({ id: idAt(index, order[e]!), reason: error.message });
      continue;
    } finally {
      if (b !== -1 && --children[b]! === 0) indexes.delete(b);
    }
    if (children[e]! > 0) indexes.set(e, found);
    const objectType = TYPE_NAMES[type[e]!]!;
    // Ids are spelled out only where needed: most objects are counted and left.
    const id = () => idAt(index, order[e]!);
    options.onIndex?.(id(), found);
    if (options.firstSight && !options.firstSight(id(), objectType)) continue;
    result.counts[objectType]++;
    if (options.collect?.has(objectType)) result.ids[objectType].push(id());
    if (size > options.maxSize) result.oversize.push({ id: id(), type: objectType, size });
    else if (found.hit || options.readAnyway?.(objectType, size)) result.candidates.push({ id: id(), type: objectType, size });
  }
  return result;
}

/** Index positions in offset order. A numeric sort of offset and position packed in one double when both fit (packs under 2 GiB), else a comparator sort. */
function offsetOrder(index: PackIndex): Uint32Array {
  const n = index.count;
  const fits = n < 2 ** 22 && index.offsets.every((o) => o < 2 ** 31);
  if (!fits) return Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => index.offsets[a]! - index.offsets[b]!);
  const keys = Float64Array.from(index.offsets, (o, i) => o * 2 ** 22 + i).sort();
  return Uint32Array.from(keys, (k) => k % 2 ** 22);
}

function refBase(index: PackIndex, id: Buffer, positionOf: Uint32Array): number {
  const i = findInIndex(index, id);
  return i === -1 ? -1 : positionOf[i]!;
}

/** One byte of entry `e`'s object, following delta copies down to the base that holds it (rare: see indexDelta). */
function objectByte(entry: number, offset: number, base: Int32Array, inflated: (e: number) => { data: Buffer; segments: DeltaSegments | null }): number {
  let e = entry;
  let x = offset;
  for (;;) {
    const { data, segments } = inflated(e);
    if (segments === null) return data[x]!;
    const from = locateByte(segments, x);
    if ('insertAt' in from) return data[from.insertAt]!;
    e = base[e]!;
    x = from.baseOffset;
  }
}
