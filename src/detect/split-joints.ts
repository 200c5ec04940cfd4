/**
 * The joints that glue two pieces of one string value together in source text, and what ends a value.
 * Pure byte logic with no notion of keys: assemble-split.ts walks pieces of key characters and asks here,
 * at the byte where a piece stops, whether the value goes on, ends, or cannot be known without decoding.
 */

const QUOTE_BYTES = new Set([0x22, 0x27, 0x60]); // " ' `
const BACKSLASH = 0x5c;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const PLUS = 0x2b;
const DOT = 0x2e;

/**
 * Whitespace, one line break and one operator between a closing and an opening quote. Indentation is
 * rarely deep; past this the gap is not a concatenation anyone wrote by hand.
 */
export const MAX_GAP = 256;

/**
 * Escapes inside a quoted literal that stand for a character outside the key alphabet (\n \r \t \\ \" \' \`),
 * so the key ends cleanly before them. Any other escape (\x41, \u0041, \101, \a…) may stand for a key
 * character: the value cannot be known without decoding, so nothing is guessed.
 */
const CLEAN_ESCAPES = new Set([0x6e, 0x72, 0x74, BACKSLASH, 0x22, 0x27, 0x60]);

/** `joined`: the value goes on at `next`, inside a literal opened by `quote` (0: an unquoted shell word). */
export type Joint =
  | { kind: 'joined'; next: number; quote: number }
  /** The value's run of key characters ends here; `resume` is the first byte not yet examined. */
  | { kind: 'end'; resume: number }
  /** An escape that may encode a key character: the key cannot be told without decoding. */
  | { kind: 'unknown'; resume: number };

export function isQuote(b: number | undefined): boolean {
  return b !== undefined && QUOTE_BYTES.has(b);
}

/**
 * What follows a piece that stopped at `at` (the first byte that is not a key character).
 * - `\` + line break: a line continuation, which shells, C, Python and JavaScript all drop from the value,
 *   quoted or not. The next line's indentation is kept (bash keeps it, and so does a quoted literal), so a
 *   continuation that does not start at column 0 ends the key: faithful, and nothing is guessed.
 *   CRLF is accepted as a line break too: the same file checked out on Windows. A shell single-quoted
 *   string keeps `\` + newline literally, but the language is unknown here; the marker and a whole-key
 *   match are the guard.
 * - inside a literal, its closing quote followed by a join (`+`, `.`, `..` or nothing) and another literal.
 * `tokenByte` says which bytes are key characters, for an escape in an unquoted word (`\x` is `x` there).
 */
export function jointAt(bytes: Buffer, at: number, quote: number, tokenByte: Uint8Array): Joint {
  const b = bytes[at];
  if (b === undefined) return { kind: 'end', resume: at };
  if (b === BACKSLASH) {
    const lineBreak = lineBreakAt(bytes, at + 1);
    if (lineBreak > 0) return { kind: 'joined', next: at + 1 + lineBreak, quote };
    const c = bytes[at + 1];
    if (c === undefined) return { kind: 'end', resume: at + 1 };
    const clean = quote !== 0 ? CLEAN_ESCAPES.has(c) : !tokenByte[c];
    return clean ? { kind: 'end', resume: at } : { kind: 'unknown', resume: at + 2 };
  }
  if (quote === 0 || b !== quote) return { kind: 'end', resume: at };
  const open = openingQuoteAfter(bytes, at + 1);
  if (open.at < 0) return { kind: 'end', resume: open.resume };
  return { kind: 'joined', next: open.at + 1, quote: bytes[open.at]! };
}

/** 2 for CRLF, 1 for LF, 0 when no line break starts at `at`. */
function lineBreakAt(bytes: Buffer, at: number): number {
  if (bytes[at] === LF) return 1;
  return bytes[at] === CR && bytes[at + 1] === LF ? 2 : 0;
}

/** The length of a `\` + line break splice at `at`, or 0. */
function spliceAt(bytes: Buffer, at: number): number {
  const lineBreak = lineBreakAt(bytes, at + 1);
  return lineBreak > 0 ? 1 + lineBreak : 0;
}

/**
 * The opening quote of the next literal after a closing quote, or at -1 with where the gap stopped.
 * Grammar: blanks, at most one line break (a `\` line splice counts as one: Python and C), at most one
 * operator (`+` JS/Java/Go/C#, `.` PHP/Perl, `..` Lua), in any order; nothing at all is C and Python
 * implicit concatenation, and `"a""b"` is also shell concatenation. Commas, calls and variables end it.
 */
function openingQuoteAfter(bytes: Buffer, from: number): { at: number; resume: number } {
  const limit = Math.min(bytes.length, from + MAX_GAP);
  let i = from;
  let lineBreaks = 0;
  let operator = false;
  while (i < limit) {
    const b = bytes[i]!;
    if (b === SPACE || b === TAB) {
      i++;
      continue;
    }
    const lineBreak = b === BACKSLASH ? spliceAt(bytes, i) : lineBreakAt(bytes, i);
    if (lineBreak > 0) {
      if (++lineBreaks > 1) break;
      i += lineBreak;
    } else if (!operator && (b === PLUS || b === DOT)) {
      operator = true;
      i += b === DOT && bytes[i + 1] === DOT ? 2 : 1;
    } else {
      break;
    }
  }
  return i < limit && isQuote(bytes[i]) ? { at: i, resume: i } : { at: -1, resume: i };
}

/**
 * Whether the value that `sk-` at `start` is in already holds key characters before it: a literal joined
 * onto an earlier one that ends in key characters (`"abc" + "sk-…"`), or a line continued from a word
 * (`abc\` then `sk-…`). Then `sk-` is glued inside a longer token, which is no key, as in the normal
 * detector (`xsk-…`). Looks back at most MAX_GAP bytes and never below `floor`, so the caller can keep
 * successive looks disjoint.
 */
export function gluedBefore(bytes: Buffer, start: number, floor: number, tokenByte: Uint8Array): boolean {
  const keyByteAt = (at: number) => at >= floor && tokenByte[bytes[at]!] === 1;
  let i = start - 1;
  if (bytes[i] === LF) {
    if (bytes[i - 1] === CR) i--;
    return i - 1 >= floor && bytes[i - 1] === BACKSLASH && keyByteAt(i - 2);
  }
  if (!isQuote(bytes[i])) return false;
  const stop = Math.max(floor, start - 1 - MAX_GAP);
  let lineBreaks = 0;
  let operator = false;
  for (i--; i >= stop; ) {
    const b = bytes[i]!;
    if (b === SPACE || b === TAB) {
      i--;
    } else if (b === LF) {
      if (++lineBreaks > 1) return false;
      i -= bytes[i - 1] === CR ? 2 : 1;
      if (bytes[i] === BACKSLASH) i--;
    } else if (!operator && (b === PLUS || b === DOT)) {
      operator = true;
      i -= b === DOT && bytes[i - 1] === DOT ? 2 : 1;
    } else {
      return isQuote(b) && keyByteAt(i - 1);
    }
  }
  return false;
}
