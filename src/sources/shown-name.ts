import { isUtf8 } from 'node:buffer';

const BACKSLASH = 0x5c;

/**
 * A file name read as bytes, as reports show it. A valid UTF-8 name is itself, exactly as a name read as
 * a string shows. In any other name each byte that does not start a valid UTF-8 sequence is shown as
 * `\xNN` and a backslash as `\\` (git's C-style quoting, with hex as `printable` writes control
 * characters): stable, and two different non-UTF-8 names never show the same. A valid name spelled with a
 * literal `\xff` can still read like one that is not: only a character no valid name holds (a lone
 * surrogate) would rule that out, and it would break consumers of the JSON. Control characters are left
 * to the reporters, as in valid names.
 */
export function shownName(name: Buffer): string {
  return isUtf8(name) ? name.toString('utf8') : escapedName(name);
}

/** The escaped form of a name that is not valid UTF-8 (for a valid one it would differ from `shownName` only by doubled backslashes). */
function escapedName(name: Buffer): string {
  let shown = '';
  let i = 0;
  while (i < name.length) {
    const length = sequenceLength(name, i);
    if (length === 0) shown += `\\x${name[i]!.toString(16).padStart(2, '0')}`;
    else if (name[i] === BACKSLASH) shown += '\\\\';
    else shown += name.toString('utf8', i, i + length);
    i += Math.max(length, 1);
  }
  return shown;
}

/** The length of the valid UTF-8 sequence that starts at `i` (no overlongs, surrogates or code points past U+10FFFF), or 0. */
function sequenceLength(bytes: Buffer, i: number): number {
  const lead = bytes[i]!;
  if (lead < 0x80) return 1;
  let length: number;
  let low = 0x80;
  let high = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) length = 2;
  else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead === 0xe0) low = 0xa0;
    if (lead === 0xed) high = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead === 0xf0) low = 0x90;
    if (lead === 0xf4) high = 0x8f;
  } else return 0;
  if (i + length > bytes.length) return 0;
  const second = bytes[i + 1]!;
  if (second < low || second > high) return 0;
  for (let k = 2; k < length; k++) {
    const next = bytes[i + k]!;
    if (next < 0x80 || next > 0xbf) return 0;
  }
  return length;
}
