import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMarkerFinder } from '../../src/detect/find-marker.js';
import { MARKER } from '../../fixtures/templates.js';

const marker = Buffer.from(MARKER);
const find = createMarkerFinder(marker);

describe('marker finder', () => {
  it('agrees with Buffer.indexOf on random text made of the marker, its pieces and anchor bytes', () => {
    const pieces = fc.constantFrom(MARKER, 'J', 'FJ', 'T3Bl', 'bkF', 'x', 'JJJJ', MARKER.slice(0, 7), '\n');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 400 }), fc.nat(50), (parts, from) => {
        const bytes = Buffer.from(parts.join(''));
        expect(find(bytes, from)).toBe(bytes.indexOf(marker, from));
      }),
      { numRuns: 300 },
    );
  });

  it('switches to the substring search where the anchor byte is dense, and still finds the marker', () => {
    const bytes = Buffer.from(`${'J'.repeat(1_000_000)}${MARKER}${'J'.repeat(10)}`);
    expect(find(bytes, 0)).toBe(1_000_000);
    expect(find(bytes, 1_000_001)).toBe(-1);
  });
});
