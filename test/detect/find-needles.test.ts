import { describe, expect, it } from 'vitest';
import { seededRng } from '../../fixtures/random.js';
import { createNeedleSet, findNeedles } from '../../src/detect/find-needles.js';
import { markerBase64Halves, markerHex } from '../helpers/marker-forms.js';

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
  // Real needles (the marker's encoded forms, made at run time) and one that overlaps itself.
  const halves = markerBase64Halves();
  // The second half at alignment 1 holds a Z: rare in the static table, common in the buffer below.
  const withZ = halves.find((h) => h.includes('Z'))!;
  const needles = [halves[0]!, halves[1]!, withZ, markerHex(), 'aaZ'].map((n) => Buffer.from(n));
  const set = createNeedleSet(needles);

  it('finds every occurrence, at the edges, overlapping and side by side, in small and in sampled large buffers', () => {
    const alphabet = `aZ${needles.slice(0, 4).join('')}`;
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
    const bytes = Buffer.from(`${withZ} ${halves[0]} ${withZ}`);
    expect(findNeedles(bytes, set, 1)).toHaveLength(1);
    expect(findNeedles(bytes, set)).toEqual([{ needle: 2, at: 0 }, { needle: 0, at: withZ.length + 1 }, { needle: 2, at: withZ.length + halves[0]!.length + 2 }]);
  });

  it('chooses probes from the buffer itself when it is large: a byte common there is not the probe, and hits are the same', () => {
    // 'Z' is rare in the static table but fills this buffer; the needle must still be found exactly once.
    const bytes = Buffer.alloc(100_000, 'Z');
    Buffer.from(`x${withZ}x`).copy(bytes, 70_000);
    expect(findNeedles(bytes, set)).toEqual(bruteForce(bytes, needles));
    expect(findNeedles(bytes, set).filter((h) => h.needle === 2)).toEqual([{ needle: 2, at: 70_001 }]);
  });
});
