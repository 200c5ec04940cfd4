import type { PlaceholderSpec } from '../rules/rule-types.js';

/**
 * Whether one side of the marker is made up rather than random: too few distinct characters, an
 * alphabetical run, or a repeating block (the thresholds and their reasons are data in patterns/).
 * Linear in the side's length for each period tried; sides are at most a hundred characters.
 */
export function isPlaceholderSide(side: string, spec: PlaceholderSpec): boolean {
  return new Set(side).size < spec.minDistinctCharsPerSide || hasSequence(side, spec.sequenceRun) || hasRepeat(side, spec);
}

/** Case folded, so AbCdEf is the run abcdef; digits and letters each step within themselves. */
function fold(code: number): number {
  return code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
}

/** `length` characters, side by side or every other one, each one more (or each one less) than the last. */
function hasSequence(side: string, length: number): boolean {
  for (const stride of [1, 2]) {
    for (const step of [1, -1]) {
      // One counter per position modulo the stride: a1b2c3 holds two interleaved runs.
      const run = new Array<number>(stride).fill(1);
      for (let i = stride; i < side.length; i++) {
        const lane = i % stride;
        run[lane] = fold(side.charCodeAt(i)) - fold(side.charCodeAt(i - stride)) === step ? run[lane]! + 1 : 1;
        if (run[lane]! >= length) return true;
      }
    }
  }
  return false;
}

/** A block of some period that repeats whole, with at least `repeatMinMatch` characters equal to those one period back. */
function hasRepeat(side: string, spec: PlaceholderSpec): boolean {
  for (let period = 1; period <= spec.repeatMaxPeriod && period < side.length; period++) {
    const needed = Math.max(period, spec.repeatMinMatch);
    let equal = 0;
    for (let i = period; i < side.length; i++) {
      equal = side.charCodeAt(i) === side.charCodeAt(i - period) ? equal + 1 : 0;
      if (equal >= needed) return true;
    }
  }
  return false;
}
