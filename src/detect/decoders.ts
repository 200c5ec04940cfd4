import type { Encoding } from '../core/types.js';
import { type DecodedRun, decodeBase64Runs } from './decode-base64.js';
import { decodeHexRuns } from './decode-hex.js';
import { decodeUtf16Runs, utf16TextOrder } from './decode-utf16.js';
import type { MarkerForms } from './marker-forms.js';

/** Each run of encoded text holding an encoded form of the marker (as found), decoded once per alignment. */
export function decodeRuns(bytes: Buffer, forms: MarkerForms): Array<{ layer: Encoding; run: DecodedRun }> {
  const out: Array<{ layer: Encoding; run: DecodedRun }> = [];
  const add = (layer: Encoding, runs: DecodedRun[]) => {
    for (const run of runs) out.push({ layer, run });
  };
  const base64 = forms.get('base64');
  if (base64) add('base64', decodeBase64Runs(bytes, base64));
  const hex = forms.get('hex');
  if (hex) add('hex', decodeHexRuns(bytes, hex));
  const { le, be } = oneByteOrder(bytes, forms.get('utf16le') ?? [], forms.get('utf16be') ?? []);
  if (le.length > 0) add('utf16le', decodeUtf16Runs(bytes, le, 'utf16le'));
  if (be.length > 0) add('utf16be', decodeUtf16Runs(bytes, be, 'utf16be'));
  return out;
}

/**
 * The marker in UTF-16 little-endian preceded by a zero byte reads as big-endian one byte earlier (and the
 * other way round): the same text, found twice. The text's own order decides; without one, little-endian
 * (what Windows writes).
 */
function oneByteOrder(bytes: Buffer, le: number[], be: number[]): { le: number[]; be: number[] } {
  if (le.length === 0 || be.length === 0) return { le, be };
  const preferBe = utf16TextOrder(bytes) === 'utf16be';
  const leAt = new Set(le);
  const beAt = new Set(be);
  return preferBe ? { le: le.filter((at) => !beAt.has(at - 1)), be } : { le, be: be.filter((at) => !leAt.has(at + 1)) };
}
