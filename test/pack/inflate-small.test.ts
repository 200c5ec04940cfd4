import { constants, createDeflate, deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type Rng, seededRng } from '../../fixtures/random.js';
import { BadObjectDataError, inflateKnownSize } from '../../src/sources/pack/inflate-entry.js';
import { InflateError, inflateSmall } from '../../src/sources/pack/inflate-small.js';
import { adler32BE } from '../helpers/pack-writer.js';

const rng = seededRng(9090);

/** DEFLATE bits written by hand (RFC 1951): fields least significant bit first, Huffman codes most significant first. */
class BitWriter {
  private bytes: number[] = [];
  private buffer = 0;
  private count = 0;
  bits(value: number, n: number): this {
    for (let b = 0; b < n; b++) this.bit((value >> b) & 1);
    return this;
  }
  code(value: number, n: number): this {
    for (let b = n - 1; b >= 0; b--) this.bit((value >> b) & 1);
    return this;
  }
  /** Pads to a byte boundary, then writes whole bytes (a stored block's length fields and data). */
  aligned(bytes: number[]): this {
    if (this.count > 0) this.flush();
    this.bytes.push(...bytes);
    return this;
  }
  private bit(bit: number): void {
    this.buffer |= bit << this.count++;
    if (this.count === 8) this.flush();
  }
  private flush(): void {
    this.bytes.push(this.buffer);
    this.buffer = 0;
    this.count = 0;
  }
  /** A zlib stream: header, these bits, and the Adler-32 of `data` (computed here, not by the code under test). */
  zlib(data: Buffer): Buffer {
    if (this.count > 0) this.flush();
    return Buffer.concat([Buffer.from([0x78, 0x01]), Buffer.from(this.bytes), adler32BE(data)]);
  }
}

/** Canonical codes (RFC 1951 3.2.2) for code lengths by symbol: symbol -> [code, length]. */
function canonical(lengths: Record<number, number>): Map<number, [number, number]> {
  const codes = new Map<number, [number, number]>();
  const symbols = Object.keys(lengths).map(Number).sort((a, b) => a - b);
  let next = 0;
  for (let len = 1; len <= 15; len++) {
    for (const s of symbols) if (lengths[s] === len) codes.set(s, [next++, len]);
    next <<= 1;
  }
  return codes;
}

/**
 * A final dynamic block whose literal/length code gives `lengths` (symbol: bits) and whose one distance code
 * has one bit; its code-length code gives each of 0..15 four bits. `symbols` are written in that code.
 */
function dynamicBlock(lengths: Record<number, number>, symbols: Array<number | [number, number]>, final = 1, distanceBits: number | number[] = 1, after = new BitWriter()): BitWriter {
  const top = Math.max(256, ...Object.keys(lengths).map(Number));
  const distances = typeof distanceBits === 'number' ? [distanceBits] : distanceBits;
  const w = after.bits(final, 1).bits(2, 2).bits(top + 1 - 257, 5).bits(distances.length - 1, 5).bits(15, 4);
  // Code-length code lengths, in the format's order: 16, 17, 18 unused, 0..15 four bits each.
  for (const symbol of [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]) w.bits(symbol >= 16 ? 0 : 4, 3);
  const all = Array.from({ length: top + 1 }, (_, s) => lengths[s] ?? 0);
  for (const length of [...all, ...distances]) w.code(length, 4);
  const codes = canonical(lengths);
  // A pair is raw bits (a distance code, extra bits) written as they are.
  for (const symbol of symbols) {
    if (Array.isArray(symbol)) w.code(symbol[0], symbol[1]);
    else w.code(...codes.get(symbol)!);
  }
  return w;
}

/** Bytes of every kind a pack holds: text with repeats, skewed bytes over wide alphabets, noise, runs, nothing. */
function sample(r: Rng): Buffer {
  const size = Math.floor(r() ** 2 * 3000);
  const kind = Math.floor(r() * 5);
  if (kind === 0) {
    const words = ['int ', 'return ', 'curl_easy_setopt(', '\n', '  ', ';', 'NULL', 'struct ', '{', '}'];
    let text = '';
    while (text.length < size) text += words[Math.floor(r() * words.length)]!;
    return Buffer.from(text.slice(0, size));
  }
  if (kind === 1) return Buffer.from(Array.from({ length: size }, () => Math.floor(r() ** 3 * (20 + r() * 236))));
  if (kind === 2) return Buffer.from(Array.from({ length: size }, () => Math.floor(r() * 256)));
  if (kind === 3) return Buffer.alloc(size, Math.floor(r() * 256));
  return Buffer.alloc(0);
}

const STRATEGIES = [constants.Z_DEFAULT_STRATEGY, constants.Z_FILTERED, constants.Z_HUFFMAN_ONLY, constants.Z_RLE, constants.Z_FIXED];

/** Compressed by zlib itself, each level and strategy, so every block type and code shape occurs. */
function streams(count: number): Array<{ data: Buffer; compressed: Buffer }> {
  return Array.from({ length: count }, () => {
    const data = sample(rng);
    const level = Math.floor(rng() * 10);
    const strategy = STRATEGIES[Math.floor(rng() * STRATEGIES.length)]!;
    return { data, compressed: deflateSync(data, { level, strategy, memLevel: 1 + Math.floor(rng() * 9) }) };
  });
}

/**
 * A final dynamic block spelled out: the code-length code `cl` (symbol: bits), then `items` in it (a symbol,
 * or a symbol and its extra bits as [symbol, value, bits]), for `hlit` + 257 and `hdist` + 1 lengths, then
 * the data: 'a' and end-of-block, each one bit (code lengths 1 for 97 and 256 are the items' business).
 */
function spelledBlock(cl: Record<number, number>, hlit: number, hdist: number, items: Array<number | [number, number, number]>): BitWriter {
  const w = new BitWriter().bits(1, 1).bits(2, 2).bits(hlit, 5).bits(hdist, 5).bits(15, 4);
  for (const symbol of [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]) w.bits(cl[symbol] ?? 0, 3);
  const codes = canonical(cl);
  for (const item of items) {
    const [symbol, value, bits] = typeof item === 'number' ? [item, 0, 0] : item;
    w.code(...codes.get(symbol)!).bits(value, bits);
  }
  // 'a' is code 0 and end-of-block code 1 when both have one bit.
  return w.code(0, 1).code(1, 1);
}
const zeros = (n: number) => Array<number>(n).fill(0);

describe('the small-entry inflater', () => {
  it('inflates what zlib deflates, at every level and strategy, and finds the Adler-32 right after the stream', () => {
    const kinds = new Set<number>();
    for (const { data, compressed } of streams(600)) {
      const out = new Uint8Array(data.length + 1);
      const { written, trailer } = inflateSmall(compressed, out);
      expect(Buffer.from(out.subarray(0, written))).toEqual(data);
      expect(trailer).toBe(compressed.length - 4);
      kinds.add((compressed[2]! >> 1) & 3);
    }
    // Stored, fixed and dynamic blocks all came up.
    expect(kinds).toEqual(new Set([0, 1, 2]));
  });

  it('agrees with zlib on damaged streams: the same bytes when zlib takes them, an error when zlib refuses them', () => {
    let refused = 0;
    let taken = 0;
    for (const { data, compressed } of streams(400)) {
      for (let flip = 0; flip < 6; flip++) {
        const damaged = Buffer.from(compressed);
        const bit = Math.floor(rng() * damaged.length * 8);
        damaged[bit >> 3]! ^= 1 << (bit & 7);
        let expected: Buffer | null = null;
        try {
          expected = inflateSync(damaged);
        } catch {
          expected = null;
        }
        const ours = () => inflateKnownSize(damaged, data.length, 'entry', true);
        if (expected === null || expected.length !== data.length) {
          expect(ours).toThrow(BadObjectDataError);
          refused++;
        } else {
          expect(ours()).toEqual(expected);
          taken++;
        }
      }
    }
    expect(refused).toBeGreaterThan(1000);
    expect(taken).toBeGreaterThan(0);
  });

  it('refuses a stream cut anywhere, and one that would write past the size it declared', () => {
    for (const { data, compressed } of streams(60)) {
      for (let end = 0; end < compressed.length; end++) expect(() => inflateKnownSize(compressed.subarray(0, end), data.length, 'entry', true)).toThrow(BadObjectDataError);
      if (data.length > 0) expect(() => inflateSmall(compressed, new Uint8Array(data.length - 1))).toThrow(InflateError);
    }
  });

  it('reads a stored block after a Huffman block from the right byte (zlib flushes with an empty stored block)', async () => {
    // Texts of every length up to 40 bytes: the Huffman block ends at every bit of a byte.
    for (let n = 1; n <= 40; n++) {
      const text = Buffer.from('int main(void) { return curl_easy_setopt(NULL); }\n'.repeat(2).slice(0, n));
      const noise = Buffer.from(Array.from({ length: 50 }, () => Math.floor(rng() * 256)));
      const compressed = await new Promise<Buffer>((resolve, reject) => {
        const chunks: Buffer[] = [];
        const deflate = createDeflate({ level: 9 });
        deflate.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
        deflate.write(text);
        deflate.flush(constants.Z_FULL_FLUSH, () => {
          deflate.write(noise);
          deflate.end();
        });
      });
      const data = Buffer.concat([text, noise]);
      const out = new Uint8Array(data.length + 1);
      const { written, trailer } = inflateSmall(compressed, out);
      expect(Buffer.from(out.subarray(0, written))).toEqual(data);
      expect(trailer).toBe(compressed.length - 4);
    }
    // A dynamic block whose end code has one bit leaves whole bytes read ahead: they are the stored block's.
    for (let n = 0; n < 12; n++) {
      const stored = [...Buffer.from('stored'.repeat(3).slice(0, n))];
      const data = Buffer.concat([Buffer.from('a'.repeat(n)), Buffer.from(stored)]);
      const stream = dynamicBlock({ 97: 1, 256: 1 }, [...Array(n).fill(97), 256], 0).bits(1, 1).bits(0, 2).aligned([n, 0, n ^ 0xff, 0xff, ...stored]).zlib(data);
      expect(inflateSync(stream)).toEqual(data);
      expect(inflateKnownSize(stream, data.length, 'entry', true)).toEqual(data);
    }
  });

  it('refuses what zlib refuses: a distance before the output, an incomplete code, a block with no end code', () => {
    // Fixed block: 'a', then length 3 at distance 2 with one byte written.
    const far = new BitWriter().bits(1, 1).bits(1, 2).code(0x30 + 0x61, 8).code(1, 7).code(1, 5).bits(0, 7).zlib(Buffer.from('aaaa'));
    expect(() => inflateSync(far)).toThrow();
    expect(() => inflateSmall(far, new Uint8Array(16))).toThrow(/distance/);
    // The same stream at distance 1 is fine: the check is exact.
    const near = new BitWriter().bits(1, 1).bits(1, 2).code(0x30 + 0x61, 8).code(1, 7).code(0, 5).bits(0, 7).zlib(Buffer.from('aaaa'));
    expect(inflateSync(near)).toEqual(Buffer.from('aaaa'));
    expect(inflateKnownSize(near, 4, 'entry', true)).toEqual(Buffer.from('aaaa'));
    // 'a' and end-of-block, one bit each: complete. Two bits for the end: incomplete, though the data decodes.
    const complete = dynamicBlock({ 97: 1, 256: 1 }, [97, 97, 256]).zlib(Buffer.from('aa'));
    expect(inflateSync(complete)).toEqual(Buffer.from('aa'));
    expect(inflateKnownSize(complete, 2, 'entry', true)).toEqual(Buffer.from('aa'));
    const incomplete = dynamicBlock({ 97: 1, 256: 2 }, [97, 97, 256]).zlib(Buffer.from('aa'));
    expect(() => inflateSync(incomplete)).toThrow();
    expect(() => inflateSmall(incomplete, new Uint8Array(8))).toThrow(/literal\/length code/);
    const noEnd = dynamicBlock({ 97: 1, 98: 1 }, [97, 98]).zlib(Buffer.from('ab'));
    expect(() => inflateSync(noEnd)).toThrow();
    expect(() => inflateSmall(noEnd, new Uint8Array(8))).toThrow(/end-of-block/);
  });

  it('decodes nothing through a code a block does not have, whatever an earlier block or stream left behind', () => {
    // 'a', then length 3 (symbol 257) at distance 1 (the one distance code, one bit: 0).
    const withDistance = dynamicBlock({ 257: 1, 97: 2, 256: 2 }, [97, 257, [0, 1], 256]).zlib(Buffer.from('aaaa'));
    expect(inflateSync(withDistance)).toEqual(Buffer.from('aaaa'));
    expect(inflateKnownSize(withDistance, 4, 'entry', true)).toEqual(Buffer.from('aaaa'));
    // The same block with no distance code: zlib refuses the match, and so must this decoder, right after the stream above.
    const noDistance = dynamicBlock({ 257: 1, 97: 2, 256: 2 }, [97, 257, [0, 1], 256], 1, 0).zlib(Buffer.from('aaaa'));
    expect(() => inflateSync(noDistance)).toThrow();
    expect(() => inflateKnownSize(noDistance, 4, 'entry', true)).toThrow(BadObjectDataError);
    // Two blocks in one stream: the second has no distance code and must not borrow the first one's.
    const first = dynamicBlock({ 257: 1, 97: 2, 256: 2 }, [97, 257, [0, 1], 256], 0);
    const twoBlocks = dynamicBlock({ 257: 1, 97: 2, 256: 2 }, [97, 257, [0, 1], 256], 1, 0, first).zlib(Buffer.from('a'.repeat(8)));
    expect(() => inflateSync(twoBlocks)).toThrow();
    expect(() => inflateKnownSize(twoBlocks, 8, 'entry', true)).toThrow(BadObjectDataError);
    // A block of literals only may have no distance code: that is fine.
    const literalsOnly = dynamicBlock({ 97: 1, 256: 1 }, [97, 97, 256], 1, 0).zlib(Buffer.from('aa'));
    expect(inflateSync(literalsOnly)).toEqual(Buffer.from('aa'));
    expect(inflateKnownSize(literalsOnly, 2, 'entry', true)).toEqual(Buffer.from('aa'));
    // A code-length code with no code at all, right after a stream that had one.
    const emptyLengths = new BitWriter().bits(1, 1).bits(2, 2).bits(0, 5).bits(0, 5).bits(15, 4).bits(0, 3 * 19).bits(0, 64).zlib(Buffer.alloc(0));
    expect(() => inflateSync(emptyLengths)).toThrow();
    inflateKnownSize(withDistance, 4, 'entry', true);
    expect(() => inflateSmall(emptyLengths, new Uint8Array(8))).toThrow(InflateError);
  });

  it('decodes the far ends of the format: distance code 29 in a fixed block, and 15-bit codes', () => {
    const edge = Buffer.from(Array.from({ length: 60 }, () => 33 + Math.floor(rng() * 90)));
    const far = Buffer.concat([edge, Buffer.alloc(25_000, 0x41), edge]);
    const fixed = deflateSync(far, { strategy: constants.Z_FIXED, level: 9 });
    expect(fixed.length).toBeLessThan(512);
    const out = new Uint8Array(far.length + 1);
    const { written } = inflateSmall(fixed, out);
    expect(Buffer.from(out.subarray(0, written))).toEqual(far);
    // Lengths 1 to 14, then two of 15: a complete code whose last codes take every bit.
    const lengths: Record<number, number> = { 256: 15, 111: 15 };
    for (let k = 0; k < 14; k++) lengths[97 + k] = k + 1;
    const deep = dynamicBlock(lengths, [97, 110, 111, 98, 256]).zlib(Buffer.from('anob'));
    expect(inflateSync(deep)).toEqual(Buffer.from('anob'));
    expect(inflateKnownSize(deep, 4, 'entry', true)).toEqual(Buffer.from('anob'));
  });

  it('refuses each malformed header and code that zlib refuses', () => {
    const valid = deflateSync(Buffer.from('hello hello hello'));
    const withHeader = (cmf: number, fdict: boolean) => {
      let flg = fdict ? 0x20 : 0;
      while (((cmf << 8) | flg) % 31 !== 0) flg++;
      return Buffer.concat([Buffer.from([cmf, flg]), valid.subarray(2)]);
    };
    // A code-length code: symbols 0..14 and one more (`extra`) four bits each, complete.
    const lengthsWith = (extra: number, hlit: number, hdist: number) => {
      const w = new BitWriter().bits(1, 1).bits(2, 2).bits(hlit, 5).bits(hdist, 5).bits(15, 4);
      for (const symbol of [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]) w.bits(symbol <= 14 || symbol === extra ? 4 : 0, 3);
      return w;
    };
    const broken: Record<string, Buffer> = {
      'window of 2^16': withHeader(0x88, false),
      'preset dictionary': withHeader(0x78, true),
      'HLIT of 288 codes': new BitWriter().bits(1, 1).bits(2, 2).bits(31, 5).bits(0, 5).bits(0, 4).bits(0, 64).zlib(Buffer.alloc(0)),
      'HDIST of 32 codes': new BitWriter().bits(1, 1).bits(2, 2).bits(0, 5).bits(31, 5).bits(0, 4).bits(0, 64).zlib(Buffer.alloc(0)),
      'incomplete code-length code': new BitWriter().bits(1, 1).bits(2, 2).bits(0, 5).bits(0, 5).bits(0, 4).bits(2, 3).bits(0, 9).bits(0, 64).zlib(Buffer.alloc(0)),
      'a repeat with no length before it': lengthsWith(16, 0, 0).code(15, 4).bits(3, 2).bits(0, 64).zlib(Buffer.alloc(0)),
      'repeats past the lengths': lengthsWith(18, 0, 0).code(15, 4).bits(127, 7).code(15, 4).bits(127, 7).bits(0, 64).zlib(Buffer.alloc(0)),
      'an incomplete distance code of two codes': dynamicBlock({ 97: 1, 256: 1 }, [97, 256], 1, [2, 2]).zlib(Buffer.from('a')),
      'length symbol 286': new BitWriter().bits(1, 1).bits(1, 2).code(0x30 + 0x61, 8).code(0xc0 + 6, 8).bits(0, 32).zlib(Buffer.from('a')),
      'distance symbol 30': new BitWriter().bits(1, 1).bits(1, 2).code(0x30 + 0x61, 8).code(1, 7).code(30, 5).bits(0, 32).zlib(Buffer.from('aaaa')),
    };
    // Streams that are whole and sound but for one thing, so that only the check for that thing can refuse them.
    const fourBits = Object.fromEntries([...Array(15).keys()].map((s) => [s, 4]));
    const aAndEnd = (distance: Array<number | [number, number, number]>) => [...zeros(97), 1, ...zeros(158), 1, ...distance];
    const a = Buffer.from('a');
    Object.assign(broken, {
      'HLIT of 288 codes, otherwise sound': dynamicBlock({ 97: 1, 256: 2, 287: 2 }, [97, 256]).zlib(a),
      'HDIST of 31 codes, otherwise sound': dynamicBlock({ 97: 1, 256: 1 }, [97, 256], 1, [1, 1, ...zeros(29)]).zlib(a),
      'incomplete code-length code, otherwise sound': spelledBlock({ 0: 2, 1: 2, 18: 2 }, 0, 0, [[18, 86, 7], 1, [18, 127, 7], [18, 9, 7], 1, 1]).zlib(a),
      'a first repeat, otherwise sound': spelledBlock({ ...fourBits, 16: 4 }, 0, 0, [[16, 0, 2], ...aAndEnd([1]).slice(3)]).zlib(a),
      'a repeat past the lengths, otherwise sound': spelledBlock({ ...fourBits, 16: 4 }, 0, 0, aAndEnd([[16, 0, 2]])).zlib(a),
    });
    // The same spelling with every count right is taken: what is refused above is the one fault.
    expect(inflateSync(spelledBlock({ ...fourBits, 16: 4 }, 0, 0, aAndEnd([1])).zlib(a))).toEqual(a);
    expect(inflateKnownSize(spelledBlock({ ...fourBits, 16: 4 }, 0, 0, aAndEnd([1])).zlib(a), 1, 'entry', true)).toEqual(a);
    for (const [what, stream] of Object.entries(broken)) {
      expect(() => inflateSync(stream), what).toThrow();
      expect(() => inflateSmall(stream, new Uint8Array(64)), what).toThrow(InflateError);
    }
  });

  it('needs the whole Adler-32: a stream cut in its last byte fails even when that byte is zero', () => {
    let data = Buffer.alloc(0);
    let stream = Buffer.alloc(0);
    for (let n = 0; ; n++) {
      data = Buffer.from(`entry ${n}\n`);
      stream = deflateSync(data);
      if (stream[stream.length - 1] === 0) break;
    }
    expect(inflateKnownSize(stream, data.length, 'entry', true)).toEqual(data);
    expect(() => inflateKnownSize(stream.subarray(0, -1), data.length, 'entry', true)).toThrow(BadObjectDataError);
  });

  it('reads past nothing: junk after the trailer is left alone', () => {
    for (const { data, compressed } of streams(50)) {
      const padded = Buffer.concat([compressed, Buffer.from([0xff, 0x00, 0x78, 0x9c])]);
      expect(inflateKnownSize(padded, data.length, 'entry', true)).toEqual(data);
    }
  });
});
