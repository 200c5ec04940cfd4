import { describe, expect, it } from 'vitest';
import { seededRng } from '../../fixtures/random.js';
import { createNeedleSet, findNeedles } from '../../src/detect/find-needles.js';

const rng = seededRng(332);

/** Every occurrence of every needle, by brute force, for comparison. */
function bruteForce(bytes: Buffer, needles: Buffer[]): Array<{ needle: number; at: number }> {
  const out: Array<{ needle: number; at: number }> = [];
  for (let at = 0; at < bytes.length; at++) {
    needles.forEach((n, needle) => {
      if (bytes.subarray(at, at + n.length).equals(n)) out.push({ needle, at });
    });
  }
  return out;
}

describe('finding several fixed strings by their rarest bytes', () => {
  const needles = ['VDNCb', 'GJrRk', 'ia0ZK', '5433426c626b464a', 'aaZ'].map((n) => Buffer.from(n));
  const set = createNeedleSet(needles);

  it('finds every occurrence, at the edges, overlapping and side by side, in small and in sampled large buffers', () => {
    const alphabet = 'aZK0ia5433426c626b464aVDNCbGJrRk';
    for (const size of [40, 5_000, 200_000]) {
      const bytes = Buffer.alloc(size);
      for (let i = 0; i < size; i++) bytes[i] = alphabet.charCodeAt(Math.floor(rng() * alphabet.length));
      // Plant each needle at the start, at the end and twice overlapping itself where it can.
      needles[0]!.copy(bytes, 0);
      needles[1]!.copy(bytes, size - needles[1]!.length);
      Buffer.from('aaaZ').copy(bytes, Math.floor(size / 2));
      expect(findNeedles(bytes, set)).toEqual(bruteForce(bytes, needles));
    }
  });

  it('stops at the limit', () => {
    const bytes = Buffer.from('ia0ZK VDNCb ia0ZK');
    expect(findNeedles(bytes, set, 1)).toHaveLength(1);
    expect(findNeedles(bytes, set)).toEqual([{ needle: 2, at: 0 }, { needle: 0, at: 6 }, { needle: 2, at: 12 }]);
  });

  it('chooses probes from the buffer itself when it is large: a byte common there is not the probe, and hits are the same', () => {
    // 'Z' is rare in the static table but fills this buffer; the needle must still be found exactly once.
    const bytes = Buffer.alloc(100_000, 'Z');
    Buffer.from('xia0ZKx').copy(bytes, 70_000);
    expect(findNeedles(bytes, set)).toEqual(bruteForce(bytes, needles));
    expect(findNeedles(bytes, set).filter((h) => h.needle === 2)).toEqual([{ needle: 2, at: 70_001 }]);
  });
});
