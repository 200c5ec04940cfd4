import { execFileSync } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { seededRng } from '../../fixtures/random.js';
import { historyAnchors } from '../../src/detect/history-anchors.js';
import { loadBuiltinRules } from '../../src/rules/load-rules.js';
import { BadDeltaError, indexDelta, indexWhole } from '../../src/sources/pack/anchor-index.js';
import { buildAnchorTrie } from '../../src/sources/pack/anchor-trie.js';
import { deltaSegments, locateByte } from '../../src/sources/pack/delta-segments.js';
import { BadObjectDataError, inflateKnownSize } from '../../src/sources/pack/inflate-entry.js';
import { NotRegularFileError, openPackFile } from '../../src/sources/pack/pack-entry.js';
import { UnreadablePackError, parsePackIndex } from '../../src/sources/pack/pack-index-file.js';
import { copyOp, deltaVarint, insertOp } from '../helpers/pack-writer.js';
import { tempDir } from '../helpers/temp-dir.js';

const rules = loadBuiltinRules();
const anchors = historyAnchors(rules);
const trie = buildAnchorTrie(anchors);
const delta = (baseSize: number, resultSize: number, ...ops: Buffer[]) => Buffer.concat([deltaVarint(baseSize), deltaVarint(resultSize), ...ops]);
const noBaseByte = () => {
  throw new Error('no base byte should be needed');
};

describe('pack reader pieces', () => {
  it('opens only regular files: a FIFO does not block the open, a symlink is not followed', async () => {
    const dir = await tempDir();
    execFileSync('mkfifo', [join(dir, 'fifo.pack')]);
    writeFileSync(join(dir, 'real.pack'), 'PACK');
    symlinkSync(join(dir, 'real.pack'), join(dir, 'link.pack'));
    expect(() => openPackFile(join(dir, 'fifo.pack'))).toThrow(NotRegularFileError);
    expect(() => openPackFile(join(dir, 'link.pack'))).toThrow(/ELOOP/);
    const file = openPackFile(join(dir, 'real.pack'));
    expect(file.pread(0, 4).toString()).toBe('PACK');
    file.close();
  });

  it('finds every anchor at the very start of an object, and after one byte', () => {
    for (const anchor of anchors) {
      for (const keep of [true, false]) {
        expect(indexWhole(anchor, trie, keep).hit, `${JSON.stringify(anchor.toString('latin1'))} keep=${keep}`).toBe(true);
        expect(indexWhole(Buffer.concat([Buffer.from(' '), anchor]), trie, keep).hit).toBe(true);
      }
    }
    // Inserted at the start of a delta's result, too.
    const base = indexWhole(Buffer.from('xxxx'), trie);
    for (const anchor of anchors) expect(indexDelta(delta(4, anchor.length + 4, insertOp(anchor), copyOp(0, 4)), base, trie, noBaseByte).hit).toBe(true);
  });

  it('indexes a delta as the object read whole: thousands of pivot bytes in its inserts, and an insert whose length byte is a pivot', () => {
    const rng = seededRng(31);
    const pivots = trie.pivots.map((p) => String.fromCharCode(p));
    const text = (n: number) => Buffer.from(Array.from({ length: n }, () => (rng() < 0.5 ? pivots[Math.floor(rng() * pivots.length)]! : 'abc'[Math.floor(rng() * 3)]!)).join(''));
    const baseBytes = text(3000);
    const base = indexWhole(baseBytes, trie);
    // Over 4,096 pivot bytes in one delta's inserts (127 bytes an insert), around copies of the base.
    const inserts = Array.from({ length: 80 }, () => text(127));
    const ops: Buffer[] = [];
    const result: Buffer[] = [];
    inserts.forEach((bytes, k) => {
      ops.push(insertOp(bytes), copyOp(k * 30, 40));
      result.push(bytes, baseBytes.subarray(k * 30, k * 30 + 40));
    });
    // An insert as long as a pivot byte's value: the length byte of the next instruction is that byte.
    for (const p of trie.pivots.filter((p) => p < 128)) {
      const bytes = Buffer.concat([anchors.find((a) => a[a.length - 1] === p)!.subarray(0, -1), text(p)]).subarray(0, p);
      ops.push(insertOp(bytes));
      result.push(bytes);
    }
    const whole = Buffer.concat(result);
    const found = indexDelta(delta(baseBytes.length, whole.length, ...ops), base, trie, (x) => baseBytes[x]!);
    const expected = indexWhole(whole, trie);
    expect(found.pos.length).toBeGreaterThan(4096);
    expect([...found.pos]).toEqual([...expected.pos]);
    expect([...found.node]).toEqual([...expected.node]);
    expect(found.hit).toBe(expected.hit);
  });

  it('a shorter anchor inside a longer one completes every walk that passes it', () => {
    const small = buildAnchorTrie([Buffer.from('AB'), Buffer.from('XYAB')]);
    expect(indexWhole(Buffer.from('.YAB.'), small).hit).toBe(true);
    expect(indexWhole(Buffer.from('.YA.B'), small).hit).toBe(false);
  });

  it('a copy with no size bytes copies 64 KiB, in the index and when one byte is read back', () => {
    const rng = seededRng(9);
    const baseBytes = Buffer.from(Array.from({ length: 70_000 }, () => 97 + Math.floor(rng() * 20)));
    const marker = rules.marker;
    baseBytes.set(marker, 65_536 - marker.length);
    const base = indexWhole(baseBytes, trie);
    expect(base.hit).toBe(true);
    const d = delta(baseBytes.length, 65_536 + 1, copyOp(0, 0), insertOp(Buffer.from('z')));
    expect(d.includes(Buffer.from([0x80]))).toBe(true);
    expect(indexDelta(d, base, trie, (x) => baseBytes[x]!).hit).toBe(true);
    const segments = deltaSegments(d);
    expect(locateByte(segments, 65_535)).toEqual({ baseOffset: 65_535 });
    expect(locateByte(segments, 65_536)).toEqual({ insertAt: expect.any(Number) });
  });

  it('reads copy offsets of four bytes (bases over 16 MiB)', () => {
    const d = delta(0x3000000, 10, copyOp(0x2abcdef, 10));
    expect(locateByte(deltaSegments(d), 3)).toEqual({ baseOffset: 0x2abcdef + 3 });
  });

  it('refuses deltas that break their format', () => {
    const base = indexWhole(Buffer.from('0123456789'), trie);
    const bad = [
      delta(10, 5, copyOp(8, 5)), // copies past its base
      delta(10, 5, copyOp(0, 4)), // makes fewer bytes than it declares
      delta(10, 3, copyOp(0, 5)), // writes past its declared size
      Buffer.concat([deltaVarint(10), deltaVarint(5), Buffer.from([5, 0x61, 0x62])]), // an insert running past the data
      Buffer.concat([deltaVarint(10), deltaVarint(5), Buffer.from([0])]), // the reserved instruction
    ];
    for (const d of bad) expect(() => indexDelta(d, base, trie, noBaseByte)).toThrow(BadDeltaError);
  });

  it('inflates only a stream of exactly the declared size with a matching checksum', () => {
    const data = Buffer.from('hello pack reader\n'.repeat(3));
    const stream = deflateSync(data);
    expect(stream.length).toBeLessThan(128);
    expect(inflateKnownSize(stream, data.length, 'x', true).equals(data)).toBe(true);
    const flipped = Buffer.from(stream);
    flipped[flipped.length - 1]! ^= 1;
    expect(() => inflateKnownSize(flipped, data.length, 'x', true)).toThrow(BadObjectDataError);
    expect(() => inflateKnownSize(stream, data.length - 1, 'x', true)).toThrow(BadObjectDataError);
    expect(() => inflateKnownSize(stream, data.length + 1, 'x', true)).toThrow(BadObjectDataError);
    const big = deflateSync(Buffer.alloc(100_000, 7));
    expect(() => inflateKnownSize(big, 99_999, 'x')).toThrow(BadObjectDataError);
  });

  it('refuses an index whose large offsets point past their table, or whose size fits no SHA-1 layout', () => {
    const n = 1;
    const parts = [Buffer.from([0xff, 0x74, 0x4f, 0x63, 0, 0, 0, 2])];
    const fan = Buffer.alloc(1024);
    for (let b = 0; b < 256; b++) fan.writeUInt32BE(n, b * 4);
    parts.push(fan, Buffer.alloc(20, 0), Buffer.alloc(4));
    const small = Buffer.alloc(4);
    small.writeUInt32BE((0x80000000 | 1) >>> 0);
    parts.push(small, Buffer.alloc(8), Buffer.alloc(40));
    const idx = Buffer.concat(parts);
    expect(() => parsePackIndex(idx, 'x.idx')).toThrow(/outside the large-offset table/);
    expect(() => parsePackIndex(Buffer.concat([idx, Buffer.alloc(12)]), 'x.idx')).toThrow(UnreadablePackError);
  });
});
