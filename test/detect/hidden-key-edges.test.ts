import { describe, expect, it } from 'vitest';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { MARKER } from '../../fixtures/templates.js';
import { detect } from '../../src/detect/detect.js';
import { loadBuiltinRules } from '../../src/rules/load-rules.js';

const rules = loadBuiltinRules();
const rng = seededRng(391);
const found = (bytes: Buffer) => detect(bytes, rules).map((m) => ({ secret: m.secret, offset: m.offset, line: m.line, column: m.column, encoding: m.encoding, assembled: m.assembled, placeholder: m.placeholder }));

describe('edges of decoding and joining', () => {
  it('a UTF-16 key that ends the file whole, with nothing after it', () => {
    const key = fakeKey('admin', rng);
    expect(found(Buffer.from(`k=${key}`, 'utf16le')).map((m) => m.secret)).toEqual([key]);
    expect(found(Buffer.from(`k=${key}`, 'utf16le').swap16()).map((m) => m.secret)).toEqual([key]);
  });

  it('big-endian text with a BOM: lines counted by U+000A only (not U+0A0A), a key right after a newline', () => {
    const key = fakeKey('project-v2', rng);
    const text = `a\u0a0ab\nline two\n${key}\n`;
    const bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    expect(found(bytes)).toEqual([{ secret: key, offset: 2 + 2 * text.indexOf(key), line: 3, column: 1, encoding: 'utf16be', assembled: undefined, placeholder: undefined }]);
  });

  it('the same base64 value twice in a file is two locations', () => {
    const key = fakeKey('svcacct-v2', rng);
    const value = Buffer.from(key).toString('base64');
    const text = `a: ${value}\nb: ${value}\n`;
    expect(found(Buffer.from(text)).map((m) => [m.offset, m.line])).toEqual([[text.indexOf(value), 1], [text.lastIndexOf(value), 2]]);
  });

  it('a key deep in a base64 run, and base64 wrapped with CRLF, are located at their own quantum', () => {
    const key = fakeKey('legacy', rng);
    const prefix = 'x'.repeat(300);
    const encoded = Buffer.from(`${prefix}K=${key}`).toString('base64');
    const [m] = found(Buffer.from(`v: ${encoded}`));
    // The key starts in the quantum holding byte 302 of the decoded text: 4 characters per 3 bytes.
    expect(m?.offset).toBe(3 + Math.floor(302 / 3) * 4);
    const wrapped = Buffer.from(`OPENAI=${key}\n`).toString('base64').replace(/.{20}/g, '$&\r\n');
    expect(found(Buffer.from(wrapped)).map((x) => x.secret)).toEqual([key]);
  });

  it('a first piece that is itself a key of an odd length is not reported beside the joined key', () => {
    const key = fakeKey('project-v2', rng);
    const cut = key.indexOf(MARKER) + MARKER.length + 20;
    const matches = found(Buffer.from(`k = "${key.slice(0, cut)}" + "${key.slice(cut)}";`));
    expect(matches.map((m) => [m.secret, m.assembled])).toEqual([[key, true]]);
  });

  it('a placeholder on a keysweep:allow line is still a placeholder', () => {
    const placeholder = `sk-${'abcdefghijklmnopqrst'}${MARKER}${'abcdefghijklmnopqrst'}`;
    expect(found(Buffer.from(`k = "${placeholder}" # keysweep:allow`)).map((m) => m.placeholder)).toEqual([true]);
  });
});
