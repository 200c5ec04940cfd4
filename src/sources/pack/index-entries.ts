import { type AnchorIndex, BadDeltaError, deltaSizes, indexDelta, indexWhole } from './anchor-index.js';
import { type AnchorTrie, buildAnchorTrie } from './anchor-trie.js';
import { type DeltaSegments, deltaSegments, locateByte } from './delta-segments.js';
import { BadObjectDataError, inflateKnownSize } from './inflate-entry.js';
import { BadPackError, OBJ_BLOB, OBJ_COMMIT, OBJ_TAG, OBJ_TREE, type PackFile } from './pack-entry.js';
import type { PackLayout } from './pack-layout.js';

export type ObjectType = 'commit' | 'tree' | 'blob' | 'tag';
export const TYPE_NAMES: Record<number, ObjectType> = { [OBJ_COMMIT]: 'commit', [OBJ_TREE]: 'tree', [OBJ_BLOB]: 'blob', [OBJ_TAG]: 'tag' };

/**
 * What a pack scan looks for, as plain data (worker threads get a copy): the anchors for contents and
 * messages, and for trees (names and binary ids: fewer anchors); the types that matter; the size over
 * which an object is only named; blobs under `readBlobsBelow` bytes read whole whatever they hold (history
 * counts Git LFS pointers, which are small), except those stored whole that do not start with
 * `readIfStartsWith` (their bytes are at hand); the types whose every id is wanted.
 */
export type EntryScanSpec = { anchors: { content: Uint8Array[]; names: Uint8Array[] }; want: ObjectType[]; maxSize: number; readBlobsBelow: number; readIfStartsWith?: Uint8Array; collect: ObjectType[] };

/** Entry numbers (offset order) of what one thread found; `duplicate[e]` entries are indexed but not counted. */
export type EntriesResult = {
  counts: Record<ObjectType, number>;
  candidates: Array<[entry: number, size: number]>;
  oversize: Array<[entry: number, size: number]>;
  unread: Array<[entry: number, reason: string]>;
  collected: number[];
};

/** Bytes fetched through delta chains while indexing one entry, at most (see indexDelta: normally a handful). */
const FETCH_BUDGET = 4096;

const tries = new WeakMap<Uint8Array[], AnchorTrie>();
const trieOf = (anchors: Uint8Array[]) => {
  let trie = tries.get(anchors);
  if (!trie) tries.set(anchors, (trie = buildAnchorTrie(anchors)));
  return trie;
};

/**
 * Indexes the entries this thread owns (`owner[e] === me`, or all when `owner` is null), once each, in
 * offset order: an object stored whole is searched for the anchors' pivot bytes, a delta carries its base's
 * index through its copies and searches only its inserts; nothing is rebuilt. A delta's base is always of
 * the same thread (work is split by delta family). `breathe` is called every 512 entries passed, for progress
 * and for the event loop: on one thread, each turn drains at most a pipe's 64 KiB of git's object walk, which
 * runs beside the scan (11.8 MB on curl), and git waits whenever the pipe is full.
 */
export async function indexEntries(pack: PackFile, layout: PackLayout, spec: EntryScanSpec, owner: Uint8Array | null, me: number, duplicate: Uint8Array | null, breathe: (entriesPassed: number) => Promise<void>, onIndex?: (entry: number, found: AnchorIndex) => void): Promise<EntriesResult> {
  const { count, type, base, broken, dataStart, dataEnd, size: entrySize, offsets } = layout;
  const children = Uint32Array.from(layout.children);
  const want = new Set(spec.want);
  const collect = new Set(spec.collect);
  const content = trieOf(spec.anchors.content);
  const names = trieOf(spec.anchors.names);
  const result: EntriesResult = { counts: { commit: 0, tree: 0, blob: 0, tag: 0 }, candidates: [], oversize: [], unread: [], collected: [] };
  const indexes = new Map<number, AnchorIndex>();
  const failed = new Map(broken);
  // Entries re-read to answer single bytes (see indexDelta), oldest out first when full.
  const cache = new Map<number, { data: Buffer; segments: DeltaSegments | null }>();
  let steps = 0;
  const inflated = (e: number) => {
    // A hostile chain (thousands deep, every insert reading back through it) must not cost quadratic time:
    // past the budget the entry being indexed is left to git.
    if (++steps > FETCH_BUDGET) throw new BadDeltaError('delta chain too costly to index here');
    let entry = cache.get(e);
    if (entry) cache.delete(e);
    else entry = { data: inflateKnownSize(pack.pread(dataStart[e]!, dataEnd[e]!), entrySize[e]!, `pack entry at ${offsets[e]}`, true), segments: null };
    if (entry.segments === null && base[e] !== -1) entry.segments = deltaSegments(entry.data);
    // Least recently used out first.
    if (cache.size >= 256) cache.delete(cache.keys().next().value!);
    cache.set(e, entry);
    return entry;
  };
  // The size each indexed object has, for checking what its deltas claim of their base.
  const objectSize = new Float64Array(count);
  for (let e = 0; e < count; e++) {
    if (owner !== null && owner[e] !== me) continue;
    if (e % 512 === 511) await breathe(e + 1);
    const objectType = TYPE_NAMES[type[e]!];
    const wanted = objectType !== undefined && want.has(objectType);
    const b = base[e]!;
    if (failed.has(e)) {
      if (objectType === undefined || wanted) result.unread.push([e, failed.get(e)!]);
      continue;
    }
    if (!wanted) continue;
    let found: AnchorIndex;
    let size = entrySize[e]!;
    let small = false;
    const counted = duplicate === null || duplicate[e] !== 1;
    if (b === -1 && size > spec.maxSize) {
      // Named, never inflated; deltas based on it are left to git.
      failed.set(e, 'over the size limit');
      if (counted) {
        result.counts[objectType]++;
        if (collect.has(objectType)) result.collected.push(e);
        result.oversize.push([e, size]);
      }
      continue;
    }
    try {
      if (b !== -1 && size > spec.maxSize) throw new BadDeltaError('delta over the size limit');
      // The bytes are indexed and dropped before the next entry: small ones share one buffer.
      const data = inflateKnownSize(pack.range(dataStart[e]!, dataEnd[e]!), size, `pack entry at ${offsets[e]}`, true, true);
      const trie = objectType === 'tree' ? names : content;
      if (b === -1) {
        found = indexWhole(data, trie, children[e]! > 0 || onIndex !== undefined);
        small = objectType === 'blob' && size < spec.readBlobsBelow && (spec.readIfStartsWith === undefined || startsWith(data, spec.readIfStartsWith));
      }
      else {
        const baseIndex = indexes.get(b);
        if (!baseIndex) throw new BadDeltaError(`its delta base could not be read (${failed.get(b) ?? 'unknown'})`);
        const sizes = deltaSizes(data);
        if (sizes.baseSize !== objectSize[b]) throw new BadDeltaError(`delta claims a base of ${sizes.baseSize} bytes, not ${objectSize[b]}`);
        steps = 0;
        found = indexDelta(data, baseIndex, trie, (x) => objectByte(b, x, base, inflated), children[e]! > 0 || onIndex !== undefined);
        size = sizes.resultSize;
        small = objectType === 'blob' && size < spec.readBlobsBelow;
      }
      objectSize[e] = size;
    } catch (error) {
      if (!(error instanceof BadDeltaError || error instanceof BadObjectDataError || error instanceof BadPackError)) throw error;
      failed.set(e, error.message);
      result.unread.push([e, error.message]);
      continue;
    } finally {
      if (b !== -1 && --children[b]! === 0) indexes.delete(b);
    }
    if (children[e]! > 0) indexes.set(e, found);
    onIndex?.(e, found);
    // Another pack has the same id: it is counted there, but this copy's bytes may differ (a hostile store),
    // so a copy holding an anchor still sends the id to git.
    if (!counted) {
      if (found.hit) result.candidates.push([e, size]);
      continue;
    }
    result.counts[objectType]++;
    if (collect.has(objectType)) result.collected.push(e);
    if (size > spec.maxSize) result.oversize.push([e, size]);
    else if (found.hit || small) result.candidates.push([e, size]);
  }
  return result;
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
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
