/** Searches over ascending positions, for carrying a base's anchor entries through a delta's copies. */

/** The first index at or after `from` whose value is at least `value` (all before `from` are smaller): exponential, then binary. */
export function gallop(sorted: Uint32Array, from: number, value: number): number {
  let step = 1;
  let lo = from;
  let hi = from;
  while (hi < sorted.length && sorted[hi]! < value) {
    lo = hi + 1;
    hi += step;
    step *= 2;
  }
  return lowerBound(sorted, value, lo, Math.min(hi, sorted.length));
}

export function lowerBound(sorted: Uint32Array, value: number, start = 0, end = sorted.length): number {
  let lo = start;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
