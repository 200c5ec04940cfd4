import { describe, expect, it } from 'vitest';
import { FAKE_KEY_KINDS } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { MARKER } from '../../fixtures/templates.js';
import { detect } from '../../src/detect/detect.js';
import { loadBuiltinRules } from '../../src/rules/load-rules.js';

const rules = loadBuiltinRules();

describe('the placeholder rule', () => {
  it('never calls a random key of any format a placeholder (20,000 keys)', () => {
    const rng = seededRng(341);
    let placeholders = 0;
    let found = 0;
    for (let i = 0; i < 2_000; i++) {
      for (const kind of FAKE_KEY_KINDS) {
        const [m] = detect(Buffer.from(`K=${kind.make(rng)}\n`), rules);
        if (m) found++;
        if (m?.placeholder) placeholders++;
      }
    }
    expect(found).toBe(2_000 * FAKE_KEY_KINDS.length);
    expect(placeholders).toBe(0);
  });

  it('each test on its own: too few distinct characters, a run up, down or every other character, a repeating block', () => {
    const side = (text: string) => `sk-${text}${MARKER}q7Wz2Lp9Xr4Tn8Vb3Kd6`;
    const verdict = (text: string) => detect(Buffer.from(side(text)), rules).map((m) => m.placeholder ?? false);
    expect(verdict('q7Wz2Lp9Xr4Tn8Vb3Kd6')).toEqual([false]);
    expect(verdict('ababababababababcdcd')).toEqual([true]); // distinct: a b c d
    expect(verdict('q7Wz2Lp9XrmnopqrsKd6')).toEqual([true]); // run of seven up
    expect(verdict('q7Wz2Lp9XrmnopqrKd6x')).toEqual([false]); // six is not enough
    expect(verdict('q7Wz2Lp9Xr7654321Kd6')).toEqual([true]); // down
    expect(verdict('q7Wz2LK3l4M5n6O7p8Q9')).toEqual([true]); // every other: K l M n O p Q and 3 to 9
    expect(verdict('q7Wz2Lp9XrK3l4M5n6Zz')).toEqual([false]);
    expect(verdict('qW7Wz2Lp7Wz2Lp7Wz2Lp')).toEqual([true]); // the block 7Wz2Lp repeats: twelve characters equal to those six back
    expect(verdict('qW7Wz2Lp7Wz2LpXy8cRt')).toEqual([false]); // twice is six: not enough
  });
});
