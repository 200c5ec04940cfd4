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
  if (markerAt >= 0) {
    const inner = bytes.subarray(start, markerAt).indexOf(SK);
    if (inner !== -1) return start + inner;
  }
  return -1;
}

function startsWithSk(bytes: Buffer, at: number): boolean {
  return bytes[at] === S && bytes[at + 1] === K && bytes[at + 2] === DASH;
}
