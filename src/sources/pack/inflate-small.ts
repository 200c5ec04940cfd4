/**
 * A DEFLATE decoder (RFC 1950/1951) for the small zlib streams that most pack entries are. Each block's
 * codes go into tables made once and refilled only as wide as the block's longest code (up to FAST bits;
 * longer codes are decoded bit by bit, as zlib's puff.c does), so nothing is allocated per call. fflate
 * allocates a 2^n-entry table for each block and node:zlib sets up a native stream for each call; for
 * entries of a few hundred bytes that set-up, and the garbage it leaves for the collector, cost more than
 * the decoding. The caller gives the output buffer (declared size + 1, so a longer stream shows) and checks
 * the Adler-32: a stream this decoder misreads cannot pass.
 */

/** A stream that breaks the format or runs past its input or its output buffer. */
export class InflateError extends Error {
  override name = 'InflateError';
}

const MAX_BITS = 15;
/** Bits looked up at once; longer codes go on bit by bit. */
const FAST = 9;
/**
 * One code: `count[len]` codes of each length and `symbol` in canonical order (for decoding bit by bit), and
 * `fast[next bits & mask]`: the symbol << 4 | its length for a code of at most FAST bits, or 0. The table is
 * as wide as the longest code up to FAST bits: a small block's codes are short, and filling costs.
 */
type Code = { count: Uint16Array; symbol: Uint16Array; fast: Uint16Array; mask: number };
const newCode = (symbols: number): Code => ({ count: new Uint16Array(MAX_BITS + 1), symbol: new Uint16Array(symbols), fast: new Uint16Array(1 << FAST), mask: 0 });

const LENGTH_BASE = Uint16Array.of(3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258);
const LENGTH_EXTRA = Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0);
const DIST_BASE = Uint16Array.of(1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577);
const DIST_EXTRA = Uint8Array.of(0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13);
/** The order in which a dynamic block lists the code lengths of its code-length code. */
const CLEN_ORDER = Uint8Array.of(16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15);

/** Each FAST-bit value with its bits in reverse order. */
const REVERSED = new Uint16Array(1 << FAST);
for (let v = 0; v < 1 << FAST; v++) for (let b = 0; b < FAST; b++) REVERSED[v] = REVERSED[v]! | (((v >> b) & 1) << (FAST - 1 - b));

// Every table, made once.
const lengths = new Uint8Array(320);
const offsets = new Uint16Array(MAX_BITS + 1);
const lencode = newCode(288);
const distcode = newCode(30);
const clencode = newCode(19);
const fixedLen = newCode(288);
const fixedDist = newCode(30);
{
  for (let s = 0; s < 288; s++) lengths[s] = s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8;
  build(fixedLen, lengths, 0, 288);
  lengths.fill(5, 0, 30);
  build(fixedDist, lengths, 0, 30);
}

/**
 * Fills `code` from code lengths `lengths[from..from+n)`. Returns 0 for a complete code, a positive
 * number for an incomplete one (allowed only where the format allows it), or -1 for an over-subscribed one.
 */
function build(code: Code, lens: Uint8Array, from: number, n: number): number {
  const { count, symbol } = code;
  count.fill(0);
  for (let s = 0; s < n; s++) count[lens[from + s]!]!++;
  // No code at all (allowed for distances in a block of literals only): nothing may decode through it, not
  // even what an earlier block or stream left in the table.
  code.mask = 0;
  code.fast[0] = 0;
  if (count[0] === n) return 0;
  let left = 1;
  for (let len = 1; len <= MAX_BITS; len++) {
    left = (left << 1) - count[len]!;
    if (left < 0) return -1;
  }
  offsets[1] = 0;
  for (let len = 1; len < MAX_BITS; len++) offsets[len + 1] = offsets[len]! + count[len]!;
  for (let s = 0; s < n; s++) if (lens[from + s] !== 0) symbol[offsets[lens[from + s]!]!++] = s;
  // Canonical codes in order; each short one fills every FAST-bit entry that starts with it (bits reversed:
  // DEFLATE sends a code's first bit first).
  const fast = code.fast;
  let width = MAX_BITS;
  while (width > 1 && count[width] === 0) width--;
  width = Math.min(width, FAST);
  const size = 1 << width;
  fast.fill(0, 0, size);
  code.mask = size - 1;
  let value = 0;
  let index = 0;
  for (let len = 1; len <= width; len++) {
    for (let k = 0; k < count[len]!; k++, value++) {
      const reversed = REVERSED[value]! >> (FAST - len);
      const entry = (symbol[index++]! << 4) | len;
      for (let e = reversed; e < size; e += 1 << len) fast[e] = entry;
    }
    value <<= 1;
  }
  return left;
}

// The decoder's state for the stream being inflated (one at a time: the function does not re-enter).
let input: Uint8Array = new Uint8Array(0);
let at = 0;
let bitBuffer = 0;
let bitCount = 0;

function bits(need: number): number {
  let value = bitBuffer;
  while (bitCount < need) {
    if (at >= input.length) throw new InflateError('stream ends early');
    value |= input[at++]! << bitCount;
    bitCount += 8;
  }
  bitBuffer = value >>> need;
  bitCount -= need;
  return value & ((1 << need) - 1);
}

function decode(code: Code): number {
  while (bitCount < FAST && at < input.length) {
    bitBuffer |= input[at++]! << bitCount;
    bitCount += 8;
  }
  const entry = code.fast[bitBuffer & code.mask]!;
  const length = entry & 15;
  if (entry !== 0 && length <= bitCount) {
    bitBuffer >>>= length;
    bitCount -= length;
    return entry >> 4;
  }
  return decodeSlowly(code);
}

/** Bit by bit through the canonical code (zlib's puff.c): for codes longer than FAST bits, and near the end. */
function decodeSlowly(code: Code): number {
  const { count, symbol } = code;
  let value = 0;
  let first = 0;
  let index = 0;
  for (let len = 1; len <= MAX_BITS; len++) {
    if (bitCount === 0) {
      if (at >= input.length) throw new InflateError('stream ends early');
      bitBuffer = input[at++]!;
      bitCount = 8;
    }
    value |= bitBuffer & 1;
    bitBuffer >>>= 1;
    bitCount--;
    const n = count[len]!;
    if (value - n < first) return symbol[index + (value - first)]!;
    index += n;
    first = (first + n) << 1;
    value <<= 1;
  }
  throw new InflateError('invalid Huffman code');
}

/**
 * Inflates the zlib stream at the start of `source` into `out`, returning how many bytes it wrote and where
 * its Adler-32 trailer starts. Throws InflateError for a broken stream or one that overflows `out`.
 */
export function inflateSmall(source: Uint8Array, out: Uint8Array): { written: number; trailer: number } {
  if (source.length < 2 || (source[0]! & 0x0f) !== 8 || source[0]! >> 4 > 7 || ((source[0]! << 8) | source[1]!) % 31 !== 0) throw new InflateError('not a zlib header');
  if (source[1]! & 0x20) throw new InflateError('a preset dictionary is not used in packs');
  input = source;
  at = 2;
  bitBuffer = 0;
  bitCount = 0;
  let written = 0;
  let last = 0;
  while (last === 0) {
    last = bits(1);
    const type = bits(2);
    if (type === 0) {
      // The rest of the current byte is padding; whole bytes read ahead go back.
      at -= bitCount >> 3;
      bitBuffer = 0;
      bitCount = 0;
      if (at + 4 > input.length) throw new InflateError('stream ends early');
      const length = input[at]! | (input[at + 1]! << 8);
      if ((length ^ 0xffff) !== (input[at + 2]! | (input[at + 3]! << 8))) throw new InflateError('stored block length does not check');
      at += 4;
      if (at + length > input.length) throw new InflateError('stream ends early');
      if (written + length > out.length) throw new InflateError('output larger than declared');
      out.set(input.subarray(at, at + length), written);
      at += length;
      written += length;
    } else if (type === 1) {
      written = codes(fixedLen, fixedDist, out, written);
    } else if (type === 2) {
      dynamicCodes();
      written = codes(lencode, distcode, out, written);
    } else {
      throw new InflateError('invalid block type');
    }
  }
  return { written, trailer: at - (bitCount >> 3) };
}

/** Reads a dynamic block's code descriptions into `lencode` and `distcode`. */
function dynamicCodes(): void {
  const nlen = bits(5) + 257;
  const ndist = bits(5) + 1;
  const ncode = bits(4) + 4;
  if (nlen > 286 || ndist > 30) throw new InflateError('bad counts in a dynamic block');
  lengths.fill(0, 0, 19);
  for (let i = 0; i < ncode; i++) lengths[CLEN_ORDER[i]!] = bits(3);
  if (build(clencode, lengths, 0, 19) !== 0 || clencode.count[0] === 19) throw new InflateError('incomplete code-length code');
  for (let i = 0; i < nlen + ndist; ) {
    let symbol = decode(clencode);
    if (symbol < 16) {
      lengths[i++] = symbol;
      continue;
    }
    let length = 0;
    if (symbol === 16) {
      if (i === 0) throw new InflateError('repeat with no previous length');
      length = lengths[i - 1]!;
      symbol = 3 + bits(2);
    } else if (symbol === 17) symbol = 3 + bits(3);
    else symbol = 11 + bits(7);
    if (i + symbol > nlen + ndist) throw new InflateError('too many lengths');
    while (symbol-- > 0) lengths[i++] = length;
  }
  if (lengths[256] === 0) throw new InflateError('no end-of-block code');
  const lenLeft = build(lencode, lengths, 0, nlen);
  if (lenLeft < 0 || (lenLeft > 0 && nlen !== lencode.count[0]! + lencode.count[1]!)) throw new InflateError('bad literal/length code');
  const distLeft = build(distcode, lengths, nlen, ndist);
  if (distLeft < 0 || (distLeft > 0 && ndist !== distcode.count[0]! + distcode.count[1]!)) throw new InflateError('bad distance code');
}

/** Decodes one block's symbols into `out` from `written`; returns the new end. */
function codes(len: Code, dist: Code, out: Uint8Array, from: number): number {
  let written = from;
  for (;;) {
    let symbol = decode(len);
    if (symbol < 256) {
      if (written >= out.length) throw new InflateError('output larger than declared');
      out[written++] = symbol;
    } else if (symbol === 256) {
      return written;
    } else {
      symbol -= 257;
      if (symbol >= 29) throw new InflateError('invalid length symbol');
      const length = LENGTH_BASE[symbol]! + bits(LENGTH_EXTRA[symbol]!);
      const d = decode(dist);
      if (d >= 30) throw new InflateError('invalid distance symbol');
      const distance = DIST_BASE[d]! + bits(DIST_EXTRA[d]!);
      if (distance > written) throw new InflateError('distance reaches before the output');
      if (written + length > out.length) throw new InflateError('output larger than declared');
      for (let k = 0; k < length; k++, written++) out[written] = out[written - distance]!;
    }
  }
}
