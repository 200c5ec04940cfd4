/** A pack's index (`.idx`): every object id in the pack and the offset of its entry. */
export type PackIndex = {
  count: number;
  /** Ids in index order (sorted), 20 bytes each. */
  ids: Buffer;
  /** `offsets[i]`: where the entry of `ids[i]` starts in the pack. */
  offsets: Float64Array;
};

/** An index keysweep cannot read as a SHA-1 pack index: the caller falls back to git and says why. */
export class UnreadablePackError extends Error {
  override name = 'UnreadablePackError';
}

const ID = 20;

/** Parses a version 2 index (what git has written since 1.5.2) or a version 1 index. */
export function parsePackIndex(bytes: Buffer, name: string): PackIndex {
  const fail = (why: string) => new UnreadablePackError(`${name}: ${why}`);
  const v2 = bytes.length >= 8 && bytes.readUInt32BE(0) === 0xff744f63;
  if (v2 && bytes.readUInt32BE(4) !== 2) throw fail(`index version ${bytes.readUInt32BE(4)}`);
  const fanout = v2 ? 8 : 0;
  if (bytes.length < fanout + 1024) throw fail('index shorter than its fan-out table');
  const count = bytes.readUInt32BE(fanout + 255 * 4);
  let previous = 0;
  for (let b = 0; b < 256; b++) {
    const n = bytes.readUInt32BE(fanout + b * 4);
    if (n < previous) throw fail('fan-out table out of order');
    previous = n;
  }
  // Every length is checked before anything is allocated from the count the file claims.
  if (!v2 && bytes.length < 1024 + count * (4 + ID) + 2 * ID) throw fail('index shorter than its entries');
  if (v2 && bytes.length < fanout + 1024 + count * (ID + 8) + 2 * ID) throw fail('index shorter than its tables');
  const offsets = new Float64Array(count);
  if (!v2) {
    // Version 1: entries of a 4-byte offset then the id.
    const start = 1024;
    const ids = Buffer.alloc(count * ID);
    for (let i = 0; i < count; i++) {
      offsets[i] = bytes.readUInt32BE(start + i * (4 + ID));
      bytes.copy(ids, i * ID, start + i * (4 + ID) + 4, start + (i + 1) * (4 + ID));
    }
    return { count, ids, offsets };
  }
  const idsAt = fanout + 1024;
  const crcAt = idsAt + count * ID;
  const smallAt = crcAt + count * 4;
  const largeAt = smallAt + count * 4;
  // The trailer is two checksums; a SHA-256 repository's index is longer than a SHA-1 one can explain.
  if (bytes.length < largeAt + 2 * ID) throw fail('index shorter than its tables');
  const large = (bytes.length - largeAt - 2 * ID) / 8;
  if (!Number.isInteger(large)) throw fail('index size does not fit SHA-1 ids (a SHA-256 repository?)');
  for (let i = 0; i < count; i++) {
    const small = bytes.readUInt32BE(smallAt + i * 4);
    if (small & 0x80000000) {
      const k = small & 0x7fffffff;
      if (k >= large) throw fail('offset points outside the large-offset table');
      offsets[i] = Number(bytes.readBigUInt64BE(largeAt + k * 8));
    } else {
      offsets[i] = small;
    }
  }
  return { count, ids: bytes.subarray(idsAt, crcAt), offsets };
}

/** Where an id sits in the index, or -1. */
export function findInIndex(index: PackIndex, id: Buffer): number {
  let lo = 0;
  let hi = index.count - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = index.ids.compare(id, 0, ID, mid * ID, (mid + 1) * ID);
    if (c === 0) return mid;
    // ids.compare(id, …) answers for this id against the one looked for: negative means it sorts before.
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
