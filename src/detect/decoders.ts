import type { Encoding } from '../core/types.js';
import { type DecodedRun, decodeBase64Runs } from './decode-base64.js';
import { decodeHexRuns } from './decode-hex.js';
import { decodeUtf16Runs, utf16TextOrder } from './decode-utf16.js';
import type { MarkerForms } from './marker-forms.js';

/**
 * Each run of encoded text holding an encoded form of the marker (as found), decoded once per alignment,
 * one at a time: a file of many runs never holds them all decoded at once.
 */
export function* decodeRuns(bytes: Buffer, forms: MarkerForms, minKeyLength: number): Generator<{ layer: Encoding; run: DecodedRun }> {
  const base64 = forms.get('base64');
  if (base64) for (const run of decodeBase64Runs(bytes, base64, minKeyLength)) yield { layer: 'base64', run };
  const hex = forms.get('hex');
  if (hex) for (const run of decodeHexRuns(bytes, hex, minKeyLength)) yield { layer: 'hex', run };
  const { le, be } = oneByteOrder(bytes, forms.get('utf16le') ?? [], forms.get('utf16be') ?? []);
  for (const run of decodeUtf16Runs(bytes, le, 'utf16le', minKeyLength)) yield { layer: 'utf16le', run };
  for (const run of decodeUtf16Runs(bytes, be, 'utf16be', minKeyLength)) yield { layer: 'utf16be', run };
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
