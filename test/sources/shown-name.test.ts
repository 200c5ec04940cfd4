import fc from 'fast-check';
import { isUtf8 } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { shownName } from '../../src/sources/shown-name.js';

/** The inverse of the escape: `\\` is a backslash, `\xNN` a byte, anything else its UTF-8. */
function unescape(shown: string): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; i < shown.length; ) {
    if (shown.startsWith('\\\\', i)) {
      parts.push(Buffer.from('\\'));
      i += 2;
    } else if (shown.startsWith('\\x', i)) {
      parts.push(Buffer.from([parseInt(shown.slice(i + 2, i + 4), 16)]));
      i += 4;
    } else {
      const char = String.fromCodePoint(shown.codePointAt(i)!);
      parts.push(Buffer.from(char));
      i += char.length;
    }
  }
  return Buffer.concat(parts);
}

describe('shownName', () => {
  it('shows a valid UTF-8 name as itself, backslashes and all', () => {
    for (const name of ['plain.txt', 'café.env', 'a\\xff', '\\\\', '键🔑', '\u001b[2K', '\ufffd']) expect(shownName(Buffer.from(name))).toBe(name);
  });

  it('escapes each byte that starts no valid sequence, keeps valid sequences, doubles backslashes', () => {
    const cases: Array<[number[], string]> = [
      [[0x61, 0xff], 'a\\xff'],
      [[0xe9, 0x74, 0xe9], '\\xe9t\\xe9'],
      [[0xc3, 0xa9, 0xff], 'é\\xff'],
      [[0xc0, 0x80], '\\xc0\\x80'], // overlong NUL
      [[0xed, 0xa0, 0x80], '\\xed\\xa0\\x80'], // a surrogate
      [[0xf4, 0x90, 0x80, 0x80], '\\xf4\\x90\\x80\\x80'], // past U+10FFFF
      [[0xe2, 0x82], '\\xe2\\x82'], // cut short
      [[0xf0, 0x9f, 0x94, 0x91, 0x5c, 0xfe], '🔑\\\\\\xfe'],
    ];
    for (const [input, shown] of cases) expect(shownName(Buffer.from(input))).toBe(shown);
  });

  it('is injective: any byte string comes back from what is shown', () => {
    fc.assert(
      // Raw bytes mixed with whole UTF-8 text, so names hold valid multi-byte sequences beside invalid bytes.
      fc.property(fc.array(fc.oneof(fc.uint8Array({ maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 4 }).map((s) => Buffer.from(s))), { maxLength: 8 }), (parts) => {
        const name = Buffer.concat(parts);
        const shown = shownName(name);
        expect(isUtf8(name) ? Buffer.from(shown) : unescape(shown)).toEqual(name);
      }),
      { numRuns: 2000 },
    );
  });
});
