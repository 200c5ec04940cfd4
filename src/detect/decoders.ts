import type { Encoding } from '../core/types.js';
import { type DecodedRun, base64Needles, decodeBase64Runs } from './decode-base64.js';
import { decodeHexRuns, hexNeedles } from './decode-hex.js';
import { decodeUtf16Runs, utf16Needles, utf16TextOrder } from './decode-utf16.js';
import { type NeedleHit, type NeedleSet, createNeedleSet, findNeedles } from './find-needles.js';

/** The marker's encoded forms, in one needle set; `layers[i]` is the encoding needle i belongs to. */
type Decoders = { text: NeedleSet; textLayers: Encoding[]; binary: NeedleSet; binaryLayers: Encoding[] };

const cache = new WeakMap<Buffer, Decoders>();

/** The decoders for a marker, made once per marker buffer (rule sets copied with --no-decode share it). */
function decodersFor(marker: Buffer): Decoders {
  let decoders = cache.get(marker);
  if (!decoders) {
    const text = marker.toString('latin1');
    const base64 = base64Needles(text);
    const hex = hexNeedles(text);
    const { le, be } = utf16Needles(text);
    const textLayers: Encoding[] = [...base64.map(() => 'base64' as const), ...hex.map(() => 'hex' as const)];
    // UTF-16 text of a key holds NUL bytes, so its file counts as binary (a NUL in its first 8000 bytes):
    // binary content is searched for the UTF-16 forms only, and text for the others, a pass fewer each.
    decoders = { text: createNeedleSet([...base64, ...hex]), textLayers, binary: createNeedleSet([le, be]), binaryLayers: ['utf16le', 'utf16be'] };
    cache.set(marker, decoders);
  }
  return decoders;
}

/** Whether any encoded form of the marker occurs: one pass per anchor byte, stopping at the first. */
export function hasEncodedMarker(bytes: Buffer, marker: Buffer, binary: boolean): boolean {
  const decoders = decodersFor(marker);
  return findNeedles(bytes, binary ? decoders.binary : decoders.text, 1).length > 0;
}

/** Each run of encoded text holding an encoded form of the marker, decoded once per alignment. */
export function decodeRuns(bytes: Buffer, marker: Buffer, binary: boolean): Array<{ layer: Encoding; run: DecodedRun }> {
  const decoders = decodersFor(marker);
  let hits = findNeedles(bytes, binary ? decoders.binary : decoders.text);
  if (hits.length === 0) return [];
  if (binary) hits = oneByteOrder(bytes, hits);
  const byLayer = new Map<Encoding, number[]>();
  for (const hit of hits) {
    const layer = (binary ? decoders.binaryLayers : decoders.textLayers)[hit.needle]!;
    const list = byLayer.get(layer);
    if (list) list.push(hit.at);
    else byLayer.set(layer, [hit.at]);
  }
  const out: Array<{ layer: Encoding; run: DecodedRun }> = [];
  for (const [layer, positions] of byLayer) {
    const runs =
      layer === 'base64' ? decodeBase64Runs(bytes, positions) : layer === 'hex' ? decodeHexRuns(bytes, positions) : decodeUtf16Runs(bytes, positions, layer);
    for (const run of runs) out.push({ layer, run });
  }
  return out;
}

/**
 * The marker in UTF-16 little-endian preceded by a zero byte reads as big-endian one byte earlier (and the
 * other way round): the same text, found twice. The text's own order decides; without one, little-endian
 * (what Windows writes). Hits in the binary set: needle 0 is little-endian, needle 1 big-endian.
 */
function oneByteOrder(bytes: Buffer, hits: NeedleHit[]): NeedleHit[] {
  const le = new Set(hits.filter((h) => h.needle === 0).map((h) => h.at));
  const be = new Set(hits.filter((h) => h.needle === 1).map((h) => h.at));
  const preferBe = utf16TextOrder(bytes) === 'utf16be';
  return hits.filter((h) => (h.needle === 1 ? preferBe || !le.has(h.at + 1) : !preferBe || !be.has(h.at - 1)));
}
