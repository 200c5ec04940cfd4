import type { RuleSet } from '../rules/rule-types.js';
import { markerFinderFor } from './find-marker.js';

const BACKSLASH = 0x5c;
const S = 0x73;
const K = 0x6b;
const DASH = 0x2d;
const SK = Buffer.from('sk-');
/** n, r, t: a key right after a literal "\n" inside a JSON or YAML string is glued to the escape letter. */
const ESCAPE_LETTER = new Set([0x6e, 0x72, 0x74]);

/** A maximal run of key characters that contains the marker and starts with `sk-`. */
export type Candidate = { start: number; end: number };

/** Counts the bytes the run expansion walks, so a test can prove the work is linear without timing anything. */
export type WorkMeter = { bytesWalked: number; markers: number };

/**
 * Finds candidate tokens around each occurrence of the marker. Linear in the input: the marker search
 * resumes after the end of the run it just expanded, so no byte is visited more than twice whatever the
 * input (5 MB of `sk-sk-sk-…` or one giant base64 line).
 */
export function findCandidates(bytes: Buffer, rules: RuleSet, binary = false, meter?: WorkMeter): Candidate[] {
  const { marker, tokenByte, tokenMinLength, tokenMaxLength } = rules;
  const findMarker = markerFinderFor(rules);
  const out: Candidate[] = [];
  const length = bytes.length;
  let from = 0;
  for (;;) {
    const at = findMarker(bytes, from);
    if (at < 0) break;
    let start = at;
    while (start > from && tokenByte[bytes[start - 1]!]) start--;
    let end = at + marker.length;
    while (end < length && tokenByte[bytes[end]!]) end++;
    from = end;
    if (meter) {
      meter.bytesWalked += end - start;
      meter.markers++;
    }
    const keyStart = keyStartIn(bytes, start, binary ? at : -1);
    if (keyStart < 0) continue;
    const size = end - keyStart;
    // Longer than any key: the marker sits inside some other token (base64 blob, hash, glued identifier).
    if (size < tokenMinLength || size > tokenMaxLength) continue;
    out.push({ start: keyStart, end });
  }
  return out;
}

/**
 * Where the key starts in a run, or -1 when the run does not begin with `sk-` (a glued token like `xsk-…`).
 * In binary content (`markerAt` >= 0) bytes are packed without separators (a SQLite record puts one column
 * right after another), so there the first `sk-` inside the run is taken; the rules must then still match
 * the whole rest of the run.
 */
function keyStartIn(bytes: Buffer, start: number, markerAt: number): number {
  if (startsWithSk(bytes, start)) return start;
  if (start > 0 && bytes[start - 1] === BACKSLASH && ESCAPE_LETTER.has(bytes[start]!) && startsWithSk(bytes, start + 1)) {
    return start + 1;
  }
  const glued = afterGluedEscape(bytes, start);
  if (glued > 0 && startsWithSk(bytes, glued)) return glued;
  if (markerAt >= 0) {
    const inner = bytes.subarray(start, markerAt).indexOf(SK);
    if (inner !== -1) return start + inner;
  }
  return -1;
}

const PERCENT = 0x25;
const ESC = 0x1b;
const BRACKET = 0x5b;
const SEMICOLON = 0x3b;
const isHex = (b: number | undefined) => b !== undefined && ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66));
const isDigit = (b: number | undefined) => b !== undefined && b >= 0x30 && b <= 0x39;

/**
 * Where a key glued to an escaped quote or a colour code would start: after `%22` (URL-encoded), `\u0022`
 * or `\x22` (string escapes) and `ESC[…m` (ANSI colour), whose last characters are key characters and so
 * join the run. Returns 0 when the run does not start with such an escape. The escape must really be one
 * (the `%`, `\` or `ESC[` is checked), so `22sk-…` alone is still a glued token, not a key.
 */
function afterGluedEscape(bytes: Buffer, start: number): number {
  const prev = bytes[start - 1];
  if (prev === PERCENT && isHex(bytes[start]) && isHex(bytes[start + 1])) return start + 2;
  if (prev === BACKSLASH && bytes[start] === 0x75 && isHex(bytes[start + 1]) && isHex(bytes[start + 2]) && isHex(bytes[start + 3]) && isHex(bytes[start + 4])) return start + 5;
  if (prev === BACKSLASH && bytes[start] === 0x78 && isHex(bytes[start + 1]) && isHex(bytes[start + 2])) return start + 3;
  if (prev === BRACKET || prev === SEMICOLON) {
    // An SGR sequence: ESC [ digits (; digits)* m, the run holding its last parameter and the m.
    let i = start;
    while (isDigit(bytes[i])) i++;
    if (bytes[i] !== 0x6d) return 0;
    let j = start - 1;
    // SGR parameters are short: the walk back is bounded, so adversarial input cannot make it add up.
    while (j > 0 && start - j < 64 && (bytes[j] === SEMICOLON || isDigit(bytes[j]))) j--;
    return bytes[j] === BRACKET && bytes[j - 1] === ESC ? i + 1 : 0;
  }
  return 0;
}

function startsWithSk(bytes: Buffer, at: number): boolean {
  return bytes[at] === S && bytes[at + 1] === K && bytes[at + 2] === DASH;
}
