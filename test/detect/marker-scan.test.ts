import { describe, expect, it } from 'vitest';
import { MARKER } from '../../fixtures/templates.js';
import { scanMarker } from '../../src/detect/marker-scan.js';

const marker = Buffer.from(MARKER);
const scan = (text: string) => scanMarker(Buffer.from(text, 'latin1'), marker);

describe('one pass over the marker: whole, or cut between pieces of a key', () => {
  it('finds the marker cut at every position, across the joints of several languages', () => {
    const joints = ['" + "', "' . '", '" .. "', '"\n    "', '" +\n  "', '\\\n', '`+`'];
    for (let k = 1; k < MARKER.length; k++) {
      for (const joint of joints) {
        const text = `x = "sk-proj-abc${MARKER.slice(0, k)}${joint}${MARKER.slice(k)}def"`;
        expect(scan(text), `${k} ${JSON.stringify(joint)}`).toEqual({ whole: false, cut: true });
      }
    }
    expect(scan(`k = "sk-${MARKER}abc"`)).toEqual({ whole: true, cut: false });
  });

  it('says nothing of text that only looks like a piece boundary before a J', () => {
    expect(scan('{"JSON": "JWT", \'Jan\'\n`JS` "T3Blb" + "x" "kFx"}')).toEqual({ whole: false, cut: false });
    // The rest of the marker must end the previous piece: a piece ending in other text does not count.
    expect(scan('"abc" + "kFJxyz"')).toEqual({ whole: false, cut: false });
    expect(scan(`"T3Blb" + "kFJxyz"`)).toEqual({ whole: false, cut: true });
  });

  it('where the anchor byte is dense, looks for the marker and its halves as substrings, to the end', () => {
    const dense = 'J'.repeat(100_000);
    expect(scan(`${dense}T3Bl`)).toEqual({ whole: false, cut: true });
    expect(scan(`${dense}x${MARKER}`)).toEqual({ whole: true, cut: true });
    expect(scan(dense)).toEqual({ whole: false, cut: false });
  });
});
