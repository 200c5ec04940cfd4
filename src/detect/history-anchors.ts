import type { RuleSet } from '../rules/rule-types.js';
import { WRAPPED_LINE_MIN, base64Forms, base64Needles } from './decode-base64.js';
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
 * Anchors for a base64 form that lines may wrap (decode-base64.ts): a break and indentation may come between
 * any two of its characters, never two breaks closer than WRAPPED_LINE_MIN characters. Both halves may be
 * broken: detection decodes a whole run around a hit of either half, and the hit may belong to other base64
 * in the run. Read backwards from a byte p, a spelling shows the form's own bytes down to the nearest break
 * before p: its anchors are form[0..p] when no break comes first, else each way the break can end before
 * form[k..p] (three bytes at least: a lead and one byte are too common). Pivot bytes are chosen to cover
 * every spelling at the least cost, those in `pivots` (already tracked) first; the choice is added to
 * `pivots`. Should a spelling have no anchor long enough (never so for OpenAI's marker, which the tests
 * check), the halves' anchors stand instead: they miss only a key decoded because of other base64 in its run.
 */
function wrappedCover(form: Buffer, halves: Buffer[], pivots: Set<number>): Buffer[] {
  const n = form.length;
  // Every spelling is tried: beyond 16 characters (a longer marker than OpenAI's) the halves serve.
  if (n > 16) return halves.map((h) => bestIn(h)!);
  // For each spelling, by pivot byte: the anchors from its longest run.
  let open: Array<Map<number, Buffer[]>> = [];
  // Bit k of `breaks`: a break right before form[k], for k in 1..n-1.
  for (let breaks = 0; breaks < 1 << n; breaks += 2) {
    let tooClose = 0;
    for (let d = 1; d < WRAPPED_LINE_MIN; d++) tooClose |= breaks & (breaks >> d);
    if (tooClose !== 0) continue;
    const byPivot = new Map<number, Buffer[]>();
    for (let p = 1; p < n; p++) {
      let k = p;
      while (k > 0 && (breaks & (1 << k)) === 0) k--;
      const run = form.subarray(k, p + 1);
      const options = k === 0 ? [run] : breakEnds(form[k - 1]!, run);
      if (options.every((a) => a.length >= MIN_LENGTH)) byPivot.set(form[p]!, options);
    }
    if (byPivot.size === 0) return halves.map((h) => bestIn(h)!);
    open.push(byPivot);
  }
  const anchors: Buffer[] = [];
  // A pivot costs what its byte is common: each step down the rarity order roughly doubles it.
  const cost = (byte: number) => (pivots.has(byte) ? 0 : 2 ** rank(byte));
  while (open.length > 0) {
    const covers = new Map<number, number>();
    for (const spelling of open) for (const byte of spelling.keys()) covers.set(byte, (covers.get(byte) ?? 0) + 1);
    const [pivot] = [...covers].sort(([a, ca], [b, cb]) => cost(a) / ca - cost(b) / cb || rank(a) - rank(b))[0]!;
    pivots.add(pivot);
    for (const spelling of open) anchors.push(...(spelling.get(pivot) ?? []));
    open = open.filter((spelling) => !spelling.has(pivot));
  }
  return anchors.flatMap(spellings);
}

/**
 * Every way a break (decode-base64.ts `expand`: `\r?\n` or `\r`, then spaces or tabs) can end right before
 * `run`: in indentation, or in a line end after the previous line's last character `before`.
 */
function breakEnds(before: number, run: Buffer): Buffer[] {
  const ends = [[0x20], [0x09], [before, 0x0a], [before, 0x0d, 0x0a], [before, 0x0d]];
  return ends.map((end) => Buffer.concat([Buffer.from(end), run]));
}

/** An anchor in every spelling detection decodes: `+` and `/` may be written `-` and `_` (base64url), each on its own. */
function spellings(anchor: Buffer): Buffer[] {
  let out = [anchor];
  anchor.forEach((byte, at) => {
    const other = byte === 0x2b ? 0x2d : byte === 0x2f ? 0x5f : -1;
    if (other !== -1) out = out.flatMap((a) => [a, Buffer.concat([a.subarray(0, at), Buffer.from([other]), a.subarray(at + 1)])]);
  });
  return out;
}

/**
 * Byte strings of which every object where detection can find a key holds at least one (a superset: an
 * object holding one is read whole and detected as usual): the marker whole or cut in two (a key in pieces,
 * marker-scan.ts), and with decoding its base64 forms whole or wrapped, its hex forms and its UTF-16
 * forms. Each ends at a rare byte (the pack scan's pivot).
 */
export function historyAnchors(rules: Pick<RuleSet, 'marker' | 'decode'>): Buffer[] {
  const marker = rules.marker;
  const anchors = cover(marker, true, PIECE_OPENERS, Math.ceil(marker.length / 2));
  if (rules.decode) {
    const text = marker.toString('latin1');
    const { le, be } = utf16Needles(text);
    for (const form of [...hexNeedles(text), le, be]) anchors.push(...cover(form, false));
    // Every pivot byte costs a pack scan, whatever anchors end at it: base64 reuses the ones taken so far.
    const pivots = new Set(anchors.map((a) => a[a.length - 1]!));
    const halves = base64Needles(text);
    for (const form of base64Forms(text)) anchors.push(...wrappedCover(Buffer.from(form), halves, pivots));
  }
  const unique = new Map(anchors.map((a) => [a.toString('latin1'), a]));
  return [...unique.values()];
}
