/** Where a delta's bytes hold pivot bytes: one shared array, filled anew by each call. */
const found = { at: new Uint32Array(1 << 12), count: 0 };

/**
 * The positions of `pivots` in `bytes` from `from` on, ascending, found natively (Buffer.indexOf): an
 * insert is then searched through this list rather than byte by byte. The answer is valid until the next call.
 */
export function pivotsIn(bytes: Uint8Array, from: number, pivots: readonly number[]): { readonly at: Uint32Array; readonly count: number } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  found.count = 0;
  for (const pivot of pivots) {
    for (let at = buffer.indexOf(pivot, from); at !== -1; at = buffer.indexOf(pivot, at + 1)) {
      if (found.count === found.at.length) {
        const larger = new Uint32Array(found.at.length * 2);
        larger.set(found.at);
        found.at = larger;
      }
      found.at[found.count++] = at;
    }
  }
  if (pivots.length > 1) found.at.subarray(0, found.count).sort();
  return found;
}
