import { describe, expect, it } from 'vitest';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { MARKER } from '../../fixtures/templates.js';
import { detect } from '../../src/detect/detect.js';
import { loadBuiltinRules } from '../../src/rules/load-rules.js';

const rules = loadBuiltinRules();
const rng = seededRng(331);
const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64');
const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();
const summary = (bytes: Buffer) => detect(bytes, rules).map((m) => ({ secret: m.secret, encoding: m.encoding, line: m.line, column: m.column, offset: m.offset }));

describe('keys in UTF-16 text', () => {
  const key = fakeKey('project-v2', rng);
  const script = `# deploy.ps1\r\n$env:OPENAI_API_KEY = "${key}"\r\n`;
  const keyAt = script.indexOf(key);
  // Characters before the key on its line, counted from the text itself.
  const column = keyAt - (script.indexOf('\n') + 1) + 1;

  it('little-endian with a byte-order mark: located in characters on its line, at the byte of its first code unit', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(script, 'utf16le')]);
    expect(summary(bytes)).toEqual([{ secret: key, encoding: 'utf16le', line: 2, column, offset: 2 + 2 * keyAt }]);
  });

  it('little-endian without a mark, and big-endian with or without one', () => {
    expect(summary(Buffer.from(script, 'utf16le'))).toEqual([{ secret: key, encoding: 'utf16le', line: 2, column, offset: 2 * keyAt }]);
    expect(summary(utf16be(script))).toEqual([{ secret: key, encoding: 'utf16be', line: 2, column, offset: 2 * keyAt }]);
    expect(summary(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(script)]))).toEqual([{ secret: key, encoding: 'utf16be', line: 2, column, offset: 2 + 2 * keyAt }]);
  });

  it('inside binary content that is not UTF-16 text, found without a line or column', () => {
    const bytes = Buffer.concat([Buffer.from([0, 1, 2, 3, 0xff, 0, 0, 7]), Buffer.from(`K=${key};`, 'utf16le'), Buffer.alloc(64, 9)]);
    expect(summary(bytes)).toEqual([{ secret: key, encoding: 'utf16le', line: null, column: null, offset: 8 + 4 }]);
  });

  it('finds nothing in UTF-16 of look-alikes, or where a character that is not Latin-1 breaks the key; a placeholder stays one', () => {
    const broken = `${key.slice(0, 20)}\u4e00${key.slice(20)}`;
    for (const text of ['sk-ant-api03-abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRST', broken]) {
      expect(summary(Buffer.from(`K="${text}"`, 'utf16le'))).toEqual([]);
      expect(summary(utf16be(`K="${text}"`))).toEqual([]);
    }
    const placeholder = `sk-proj-${'x'.repeat(74)}${MARKER}${'x'.repeat(74)}`;
    expect(detect(Buffer.from(`K="${placeholder}"`, 'utf16le'), rules).map((m) => [m.encoding, m.placeholder])).toEqual([['utf16le', true]]);
  });
});

describe('a decoded run is searched as a file of its own, once', () => {
  it('a base64 .env gives the key in its context; base64 three layers deep is not unwrapped', () => {
    const key = fakeKey('svcacct-v2', rng);
    expect(summary(Buffer.from(`ENV_B64=${b64(`# prod\nOPENAI_API_KEY="${key}"\n`)}`)).map((m) => [m.secret, m.encoding])).toEqual([[key, 'base64']]);
    expect(summary(Buffer.from(b64(b64(b64(`K=${key}`)))))).toEqual([]);
  });
});
