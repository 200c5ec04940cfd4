import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createObjectIdSet } from '../../src/sources/git/object-id-set.js';
import { createWalkListing } from '../../src/sources/git/walk-listing.js';

/** Ids as git makes them: SHA-1 hex of something. */
const idOf = (n: number) => createHash('sha1').update(`object ${n}`).digest('hex');

describe('object id set', () => {
  it('holds every id added, across growth, and nothing else', () => {
    const set = createObjectIdSet();
    const ids = Array.from({ length: 20_000 }, (_, n) => idOf(n));
    for (const id of ids) expect(set.addHex(Buffer.from(id, 'latin1'), 0)).toBe(true);
    expect(set.size).toBe(ids.length);
    for (const id of ids) expect(set.has(id)).toBe(true);
    for (let n = 20_000; n < 40_000; n++) expect(set.has(idOf(n))).toBe(false);
  });

  it('counts an id added twice once, reads upper-case hex as the same id and finds ids that differ in one digit apart', () => {
    const set = createObjectIdSet();
    const id = idOf(1);
    set.addHex(Buffer.from(id, 'latin1'), 0);
    set.addHex(Buffer.from(`xx${id.toUpperCase()}`, 'latin1'), 2);
    expect(set.size).toBe(1);
    expect(set.has(id)).toBe(true);
    for (let i = 0; i < 40; i++) {
      const other = id.slice(0, i) + (id[i] === '0' ? '1' : '0') + id.slice(i + 1);
      expect(set.has(other)).toBe(false);
    }
  });

  it('refuses what is not 40 hex digits, and answers no for it', () => {
    const set = createObjectIdSet();
    const id = idOf(2);
    expect(set.addHex(Buffer.from(id.slice(0, 39), 'latin1'), 0)).toBe(false);
    expect(set.addHex(Buffer.from(`${id.slice(0, 39)}g`, 'latin1'), 0)).toBe(false);
    expect(set.size).toBe(0);
    set.addHex(Buffer.from(id, 'latin1'), 0);
    expect(set.has(id.slice(0, 39))).toBe(false);
    expect(set.has(`${id}0`)).toBe(false);
    expect(set.has(`${id.slice(0, 39)}\u0100`)).toBe(false);
  });

  it('keeps lookups short for ids that share their first bytes (hashed whole, with a key of its own)', () => {
    // Ids a hostile repository could pick: the same first 16 bytes. Each must still be found, and absent
    // ones refused, however many share the prefix.
    const set = createObjectIdSet();
    const prefix = 'ab'.repeat(16);
    const ids = Array.from({ length: 4096 }, (_, n) => prefix + n.toString(16).padStart(8, '0'));
    for (const id of ids) set.addHex(Buffer.from(id, 'latin1'), 0);
    const before = set.extraProbes;
    for (const id of ids) expect(set.has(id)).toBe(true);
    expect(set.has(prefix + 'ffffffff')).toBe(false);
    // Hashed by a prefix, every lookup would pass over thousands of slots (millions in all); at most half
    // full, a few on average.
    expect(set.extraProbes - before).toBeLessThan(4 * ids.length);
  });
});

describe("reading git's object walk", () => {
  const ids = Array.from({ length: 300 }, (_, n) => idOf(n));
  const missing = [idOf(1000), idOf(1001)];
  const text = `${ids.slice(0, 150).join('\n')}\n?${missing[0]}\n${ids.slice(150).join('\n')}\n?${missing[1]}\n`;

  it('gives every id and every missing id whatever the chunking, a last line without a newline included', () => {
    for (const size of [1, 7, 40, 41, 42, 4096]) {
      for (const body of [text, text.slice(0, -1)]) {
        const listing = createWalkListing();
        for (let at = 0; at < body.length; at += size) listing.push(Buffer.from(body.slice(at, at + size), 'latin1'));
        const { ids: set, missing: gone, bad } = listing.end();
        expect(bad).toBeNull();
        expect(set.size).toBe(ids.length);
        for (const id of ids) expect(set.has(id)).toBe(true);
        for (const id of missing) expect(set.has(id)).toBe(false);
        expect(gone).toEqual(missing);
      }
    }
  });

  it('names the first line that is not an id (a path after the id, a short id, a bare question mark)', () => {
    for (const odd of [`${ids[0]} src/a.c`, ids[0]!.slice(0, 12), '?', `?${ids[0]!.slice(1)}`, `?${'g'.repeat(40)}`]) {
      const listing = createWalkListing();
      listing.push(Buffer.from(`${ids[1]}\n${odd}\n${ids[2]}\n`, 'latin1'));
      const { bad, ids: set } = listing.end();
      expect(bad).toBe(JSON.stringify(odd));
      expect(set.has(ids[1]!)).toBe(true);
    }
  });

  it('skips empty lines and reads an empty walk as nothing', () => {
    const listing = createWalkListing();
    listing.push(Buffer.from(`\n${ids[0]}\n\n`, 'latin1'));
    expect(listing.end().ids.size).toBe(1);
    const none = createWalkListing().end();
    expect([none.ids.size, none.missing.length, none.bad]).toEqual([0, 0, null]);
  });
});
