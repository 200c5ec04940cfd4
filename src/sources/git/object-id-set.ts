import { randomFillSync } from 'node:crypto';

/**
 * A set of SHA-1 object ids (40 hex digits) held as 20-byte binary in one open-addressing table. git's
 * object walk lists every object of a history (288,000 on curl): as strings in a Set they took about
 * 25 MB and most of the main thread's share of a pack scan; here they take 20 bytes a slot.
 */
export type ObjectIdSet = {
  /** Adds the id spelled by `bytes[at..at+40)` (hex, either case); false when that is not 40 hex digits. */
  addHex(bytes: Uint8Array, at: number): boolean;
  /** Whether the id (40 hex digits) is in the set; false for anything that is not an id. */
  has(id: string): boolean;
  readonly size: number;
  /** Slots looked at so far beyond the first of each search: a test proves lookups stay short without timing them. */
  readonly extraProbes: number;
};

const ID = 20;
const HEX_LENGTH = 2 * ID;
const EMPTY = 0;
const FULL = 1;

/** A hex digit's value, or -1. */
const NIBBLE = new Int8Array(256).fill(-1);
for (let i = 0; i < 16; i++) {
  NIBBLE['0123456789abcdef'.charCodeAt(i)] = i;
  NIBBLE['0123456789ABCDEF'.charCodeAt(i)] = i;
}

export function createObjectIdSet(): ObjectIdSet {
  // Ids are chosen by whoever wrote the repository: with a fixed hash, one could make thousands share a slot
  // (a 32-bit prefix costs 2^32 tries each) and every lookup would walk them all. A key per run prevents it.
  const key = randomFillSync(new Uint32Array(ID / 4 + 1));
  let capacity = 1 << 12;
  let ids = new Uint8Array(capacity * ID);
  let used = new Uint8Array(capacity);
  let size = 0;
  let extraProbes = 0;
  const scratch = new Uint8Array(ID);

  const slotOf = (id: Uint8Array, mask: number): number => {
    let h = key[ID / 4]!;
    for (let w = 0; w < ID / 4; w++) {
      const word = (id[4 * w]! | (id[4 * w + 1]! << 8) | (id[4 * w + 2]! << 16) | (id[4 * w + 3]! << 24)) ^ key[w]!;
      h = Math.imul(h ^ word, 0x9e3779b1);
      h ^= h >>> 15;
    }
    // MurmurHash3's finaliser: every bit of every word reaches the low bits the mask keeps.
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return ((h ^ (h >>> 16)) >>> 0) & mask;
  };
  /** The slot holding the id in `scratch`, or the empty slot where it would go. */
  const find = (table: Uint8Array, flags: Uint8Array, mask: number, id: Uint8Array): number => {
    for (let slot = slotOf(id, mask); ; slot = (slot + 1) & mask, extraProbes++) {
      if (flags[slot] === EMPTY) return slot;
      if (sameId(table, slot * ID, id)) return slot;
    }
  };
  const grow = () => {
    const oldIds = ids;
    const oldUsed = used;
    capacity *= 2;
    ids = new Uint8Array(capacity * ID);
    used = new Uint8Array(capacity);
    for (let s = 0; s < oldUsed.length; s++) {
      if (oldUsed[s] !== FULL) continue;
      const id = oldIds.subarray(s * ID, s * ID + ID);
      const slot = find(ids, used, capacity - 1, id);
      ids.set(id, slot * ID);
      used[slot] = FULL;
    }
  };
  const parse = (read: (i: number) => number): boolean => {
    for (let i = 0; i < ID; i++) {
      const high = NIBBLE[read(2 * i)]!;
      const low = NIBBLE[read(2 * i + 1)]!;
      if (high < 0 || low < 0) return false;
      scratch[i] = (high << 4) | low;
    }
    return true;
  };
  return {
    addHex(bytes, at) {
      if (at + HEX_LENGTH > bytes.length || !parse((i) => bytes[at + i]!)) return false;
      // At most half full: a probe then ends within a few slots.
      if (2 * (size + 1) > capacity) grow();
      const slot = find(ids, used, capacity - 1, scratch);
      if (used[slot] === EMPTY) {
        ids.set(scratch, slot * ID);
        used[slot] = FULL;
        size++;
      }
      return true;
    },
    has(id) {
      if (id.length !== HEX_LENGTH || !parse((i) => (id.charCodeAt(i) < 256 ? id.charCodeAt(i) : 0))) return false;
      return used[find(ids, used, capacity - 1, scratch)] === FULL;
    },
    get size() {
      return size;
    },
    get extraProbes() {
      return extraProbes;
    },
  };
}

function sameId(table: Uint8Array, at: number, id: Uint8Array): boolean {
  for (let i = 0; i < ID; i++) if (table[at + i] !== id[i]) return false;
  return true;
}
