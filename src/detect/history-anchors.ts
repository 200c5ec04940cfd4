import type { RuleSet } from '../rules/rule-types.js';
import { base64Needles } from './decode-base64.js';
import { hexNeedles } from './decode-hex.js';
import { utf16Needles } from './decode-utf16.js';
import { PIECE_OPENERS } from './marker-scan.js';

/**
 * Bytes of source code and text from the rarest to the most common (measured over curl, express, flask and
 * this repository). A pack scan remembers every occurrence of an anchor's last byte for as long as a delta
 * may copy it, so anchors are chosen to end at rare bytes.
 */
const RARITY = 'JZQj+XzqWKVY79856GB43FMH2Dkx1wNvIPOU0AybgLCERS/T-mhfpu_dcloanirste';
const rank = (byte: number) => {
  const r = RARITY.indexOf(String.fromCharCode(byte));
  return r === -1 ? RARITY.length : r;
};

/** Anchors shorter than this flag too many objects; two bytes are allowed when the last is among the rarest. */
const MIN_LENGTH = 3;
const rareEnough = (anchor: Buffer) => anchor.length >= MIN_LENGTH || (anchor.length === 2 && rank(anchor[1]!) < 3);

/** The substring of `part` ending at its rarest byte (the longest such), or null when none is long enough. */
function bestIn(part: Buffer): Buffer | null {
  let best: Buffer | null = null;
  for (let end = part.length; end >= 1; end--) {
    const anchor = part.subarray(0, end);
    if (!rareEnough(anchor)) continue;
    if (best === null || rank(anchor[anchor.length - 1]!) < rank(best[best.length - 1]!)) best = anchor;
  }
  return best;
}

/**
 * Anchors that cover a form whole and, when `cut`, cut once anywhere (a key in two pieces, base64 wrapped
 * over lines): for each cut, the better of the two pieces. `openers`: bytes one of which always comes right
 * before a second piece shorter than `openersBelow` (marker-scan.ts joins such a piece only after a quote or
 * a line break); an opener and one byte make too common an anchor, so such a piece needs two.
 */
function cover(form: Buffer, cut: boolean, openers: number[] = [], openersBelow = 0): Buffer[] {
  const anchors = [bestIn(form)!];
  if (!cut) return anchors;
  for (let c = 1; c < form.length; c++) {
    const right = form.subarray(c);
    const opened = right.length < openersBelow;
    const choices = [bestIn(form.subarray(0, c)), ...(!opened ? [bestIn(right)] : right.length < 2 ? [null] : openers.map((o) => bestIn(Buffer.concat([Buffer.from([o]), right]))))];
    // Openers are all-or-nothing: the second piece is covered only if every opener gives an anchor.
    const left = choices[0];
    const rights = choices.slice(1);
    const rightOk = rights.every((r) => r !== null);
    const rightRank = rightOk ? Math.max(...rights.map((r) => rank(r![r!.length - 1]!))) : Infinity;
    const leftRank = left ? rank(left[left.length - 1]!) : Infinity;
    if (leftRank === Infinity && rightRank === Infinity) throw new Error(`no anchor covers ${form.toString('latin1')} cut at ${c}`);
    if (rightRank <= leftRank) anchors.push(...(rights as Buffer[]));
    else anchors.push(left!);
  }
  return anchors;
}

/**
 * Byte strings of which every object where detection can find a key holds at least one (a superset: an
 * object holding one is read whole and detected as usual): the marker whole or cut in two (a key in pieces,
 * marker-scan.ts), and with decoding its base64 forms whole or wrapped once, its hex forms and its UTF-16
 * forms. Each ends at a rare byte (the pack scan's pivot).
 */
export function historyAnchors(rules: Pick<RuleSet, 'marker' | 'decode'>): Buffer[] {
  const marker = rules.marker;
  const anchors = cover(marker, true, PIECE_OPENERS, Math.ceil(marker.length / 2));
  if (rules.decode) {
    const text = marker.toString('latin1');
    const needles = base64Needles(text);
    // base64Needles gives each alignment's form in halves (and URL-safe spellings): rejoin them.
    for (let k = 0; k + 1 < needles.length; k += 2) anchors.push(...cover(Buffer.concat([needles[k]!, needles[k + 1]!]), true));
    const { le, be } = utf16Needles(text);
    for (const form of [...hexNeedles(text), le, be]) anchors.push(...cover(form, false));
  }
  const unique = new Map(anchors.map((a) => [a.toString('latin1'), a]));
  return [...unique.values()];
}
