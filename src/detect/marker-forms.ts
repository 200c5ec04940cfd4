import type { Encoding } from '../core/types.js';
import { base64Needles } from './decode-base64.js';
import { hexNeedles } from './decode-hex.js';
import { utf16Needles } from './decode-utf16.js';
import { type NeedleSet, createNeedleSet, findNeedles } from './find-needles.js';

/** An encoded form of the marker, or (for redaction only) one of its halves: a key written in pieces may cut the marker in two. */
export type FormKind = Encoding | 'half';
/** Where each kind of form occurs: positions of its first byte, ascending. */
export type MarkerForms = Map<FormKind, number[]>;

type Forms = { set: NeedleSet; kinds: FormKind[] };
const cache = new WeakMap<Buffer, Array<Forms | undefined>>();

/**
 * The forms worth looking for in this content, in one needle set so that a buffer is sampled once and
 * searched once per form. Text: base64 and hex (and the halves, when asked). Binary content: UTF-16 only
 * (UTF-16 text of a key holds NUL bytes, so its file counts as binary), and only with decoding.
 */
function formsFor(marker: Buffer, binary: boolean, decode: boolean, halves: boolean): Forms {
  let byMarker = cache.get(marker);
  if (!byMarker) cache.set(marker, (byMarker = []));
  // A number, not a string: this runs once per file scanned.
  const key = (binary ? 4 : 0) + (decode ? 2 : 0) + (halves ? 1 : 0);
  let forms = byMarker[key];
  if (!forms) {
    const text = marker.toString('latin1');
    const needles: Array<[FormKind, Buffer]> = [];
    if (binary && decode) {
      const { le, be } = utf16Needles(text);
      needles.push(['utf16le', le], ['utf16be', be]);
    } else if (!binary) {
      // Any one cut leaves one half whole: the first half when it falls after it, else the second.
      const half = Math.ceil(marker.length / 2);
      if (halves) needles.push(['half', marker.subarray(0, half)], ['half', marker.subarray(marker.length - half)]);
      if (decode) needles.push(...base64Needles(text).map((n): [FormKind, Buffer] => ['base64', n]), ...hexNeedles(text).map((n): [FormKind, Buffer] => ['hex', n]));
    }
    forms = { set: createNeedleSet(needles.map(([, n]) => n)), kinds: needles.map(([kind]) => kind) };
    byMarker[key] = forms;
  }
  return forms;
}

/**
 * Every form of the marker in these bytes by kind; with `limit` 1, whether there is any at all. Halves are
 * looked for only when asked (redaction): detection finds cut markers in its pass over the marker (marker-scan.ts).
 */
export function findMarkerForms(bytes: Buffer, marker: Buffer, binary: boolean, decode: boolean, limit = Infinity, halves = false): MarkerForms {
  const forms = formsFor(marker, binary, decode, halves);
  const found: MarkerForms = new Map();
  if (forms.kinds.length === 0) return found;
  for (const hit of findNeedles(bytes, forms.set, limit)) {
    const kind = forms.kinds[hit.needle]!;
    const list = found.get(kind);
    if (list) list.push(hit.at);
    else found.set(kind, [hit.at]);
  }
  return found;
}
