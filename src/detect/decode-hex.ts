import type { DecodedRun } from './decode-base64.js';

/**
 * Keys written as hex (a byte dump, an escaped blob): the marker's hex form, lower or upper case, is a
 * fixed string, so only hex runs holding it are decoded, each once. A run is decoded from both nibble
 * alignments; only whole bytes count.
 */
const HEX = new Uint8Array(256);
for (const c of '0123456789abcdefABCDEF') HEX[c.charCodeAt(0)] = 1;
const MAX_RUN = 1 << 20;

export function hexNeedles(marker: string): Buffer[] {
  const hex = Buffer.from(marker, 'latin1').toString('hex');
  return [Buffer.from(hex), Buffer.from(hex.toUpperCase())];
}

/** Each hex run holding a needle hit (`hits`: positions, ascending) and long enough for a key, decoded from both nibble alignments. */
export function* decodeHexRuns(bytes: Buffer, hits: readonly number[], minKeyLength: number): Generator<DecodedRun> {
  let done = -1;
  for (const hit of hits) {
    if (hit < done) continue;
    let start = hit;
    while (start > 0 && hit - start < MAX_RUN && HEX[bytes[start - 1]!]) start--;
    let end = hit;
    while (end < bytes.length && end - hit < MAX_RUN && HEX[bytes[end]!]) end++;
    done = end;
    if (end - start < 2 * minKeyLength) continue;
    for (const shift of [0, 1]) {
      const from = start + shift;
      const length = Math.floor((end - from) / 2) * 2;
      const decoded = Buffer.from(bytes.toString('latin1', from, from + length), 'hex');
      yield { decoded, start: from, end, offsetOf: (d) => from + 2 * d };
    }
  }
}
