import { describe, expect, it } from 'vitest';
import { printable } from '../../src/report/printable.js';
import { safeJson } from '../../src/report/safe-json.js';

const DECEPTIVE = ['\u007f', '\u0085', '\u009b', '\u061c', '\u200e', '\u200f', '\u2028', '\u2029', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];

describe('escaping text from repositories', () => {
  it('printable escapes C0, DEL, C1 and every bidirectional control, and nothing else', () => {
    expect(printable('a\u0000b\u001b[31m\u007f\u0085\u009bc')).toBe('a\\x00b\\x1b[31m\\x7f\\x85\\x9bc');
    expect(printable('x\u202egpj.exe')).toBe('x\\u{202e}gpj.exe');
    for (const c of DECEPTIVE) expect(printable(`a${c}b`), `U+${c.charCodeAt(0).toString(16)}`).not.toContain(c);
    expect(printable('naïve café – 日本 ✓ \u00a0')).toBe('naïve café – 日本 ✓ \u00a0');
  });

  it('safeJson escapes the deceptive characters JSON.stringify leaves raw, and parses back to the same value', () => {
    const value = { path: `p${DECEPTIVE.join('')}q`, nested: ['\u202e', 'plain é'] };
    const text = safeJson(value, 2);
    for (const c of DECEPTIVE) expect(text, `U+${c.charCodeAt(0).toString(16)}`).not.toContain(c);
    expect(text).toContain('\\u202e');
    expect(text).toContain('\\u009b');
    expect(JSON.parse(text)).toEqual(value);
    expect(safeJson({ a: 'é' })).toBe('{"a":"é"}');
  });
});
