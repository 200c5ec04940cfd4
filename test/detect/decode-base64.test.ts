import { describe, expect, it } from 'vitest';
import { FAKE_KEY_KINDS, fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { MARKER } from '../../fixtures/templates.js';
import { detect } from '../../src/detect/detect.js';
import { loadBuiltinRules } from '../../src/rules/load-rules.js';

const rules = loadBuiltinRules();
const rng = seededRng(311);
const PLACEHOLDER = `sk-proj-${'x'.repeat(74)}${MARKER}${'x'.repeat(74)}`;
const b64 = (text: string) => Buffer.from(text).toString('base64');
const wrap = (text: string, width: number, indent = '') => text.match(new RegExp(`.{1,${width}}`, 'g'))!.map((l) => indent + l).join('\n');

describe('keys in base64', () => {
  for (const kind of FAKE_KEY_KINDS) {
    it(`${kind.name} in a Kubernetes Secret's data, located at the encoded value`, () => {
      const key = kind.make(rng);
      const value = b64(key);
      const text = `apiVersion: v1\nkind: Secret\ndata:\n  OPENAI_API_KEY: ${value}\n`;
      const matches = detect(Buffer.from(text), rules);
      expect(matches.map((m) => [m.ruleId, m.secret, m.encoding, m.line, m.column, m.offset])).toEqual([[kind.ruleId, key, 'base64', 4, 19, text.indexOf(value)]]);
    });
  }

  it('finds a key in a base64 .env, wrapped at 76 columns (MIME) or in a YAML block scalar, and in URL-safe base64 without padding', () => {
    const key = fakeKey('project-v2', rng);
    const env = b64(`# prod\nDEBUG=0\nOPENAI_API_KEY=${key}\nPORT=8080\n`);
    for (const text of [wrap(env, 76), `config: |\n${wrap(env, 60, '    ')}\nother: 1\n`, `x="${env.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}"`]) {
      expect(detect(Buffer.from(text), rules).map((m) => [m.secret, m.encoding])).toEqual([[key, 'base64']]);
    }
  });

  it('finds a key in base64 wrapped at any width from nine columns, at every alignment, indented or not', () => {
    const key = fakeKey('project-v2', rng);
    for (let pad = 0; pad < 3; pad++) {
      const env = b64(`${'#'.repeat(pad)}OPENAI_API_KEY=${key}\n`);
      for (let width = 9; width <= 80; width++) {
        for (const indent of ['', '  ']) expect(detect(Buffer.from(`v: |\n${wrap(env, width, indent)}\n`), rules).map((f) => f.secret), `width ${width}`).toEqual([key]);
      }
    }
  });

  it('joins a first line of four characters at the very start of a file', () => {
    const key = fakeKey('project-v2', rng);
    const encoded = b64(`${key}\n`);
    expect(detect(Buffer.from(`${encoded.slice(0, 4)}\n${encoded.slice(4)}\n`), rules).map((f) => f.secret)).toEqual([key]);
    expect(detect(Buffer.from(`${encoded.slice(0, 3)}\n${encoded.slice(3)}\n`), rules)).toEqual([]);
  });

  it('joins a line of four base64 characters or more, but not a shorter one: that is not wrapping', () => {
    const key = fakeKey('project-v2', rng);
    const env = b64(`OPENAI_API_KEY=${key}\n`);
    // A line of its own inside the key's encoding, well before the marker.
    const lineAt = (at: number, width: number, joint: string) => Buffer.from(`v: ${env.slice(0, at)}${joint}${env.slice(at, at + width)}${joint}${env.slice(at + width)}\n`);
    for (const joint of ['\n', '\r\n', '\n  ', '\r\t']) {
      for (let at = 24; at < 36; at++) {
        for (const width of [4, 5, 8]) expect(detect(lineAt(at, width, joint), rules).map((f) => f.secret)).toEqual([key]);
        for (const width of [1, 2, 3]) expect(detect(lineAt(at, width, joint), rules)).toEqual([]);
      }
    }
  });

  it('finds the same key whatever the alignment of the encoding, and in a data URI or a JSON field', () => {
    const key = fakeKey('admin', rng);
    for (const prefix of ['', 'K=', 'KE=']) {
      const text = JSON.stringify({ auth: b64(`${prefix}${key}`), uri: 'data:text/plain;base64,' });
      expect(detect(Buffer.from(text), rules).map((m) => m.secret)).toEqual([key]);
    }
    expect(detect(Buffer.from(`<a href="data:text/plain;base64,${b64(`K=${key}`)}">`), rules).map((m) => m.secret)).toEqual([key]);
  });

  it('finds nothing in base64 of look-alikes or random bytes, and only a placeholder in base64 of one', () => {
    const random = Buffer.alloc(300_000);
    for (let i = 0; i < random.length; i++) random[i] = Math.floor(rng() * 256);
    const lookAlikes = ['sk-ant-api03-abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 'sk_live_abcdefghijklmnopqrstuvwxyz0123', 'sk-your-key-here'];
    for (const text of [random.toString('base64'), ...lookAlikes.map(b64)]) expect(detect(Buffer.from(text), rules)).toEqual([]);
    const placeholder = detect(Buffer.from(b64(PLACEHOLDER)), rules);
    expect(placeholder.map((m) => [m.encoding, m.placeholder])).toEqual([['base64', true]]);
  });
});

describe('keys in hex', () => {
  it('finds a key written as hex, lower or upper case, at either nibble alignment, located at the hex text', () => {
    const key = fakeKey('svcacct-v2', rng);
    const hex = Buffer.from(`K=${key}\n`).toString('hex');
    for (const text of [`dump: ${hex}`, `dump: ${hex.toUpperCase()}`, `x=0${hex}`]) {
      const [m] = detect(Buffer.from(text), rules);
      expect([m?.secret, m?.encoding]).toEqual([key, 'hex']);
      expect(text.slice(m!.offset, m!.offset + 4).toLowerCase()).toBe(Buffer.from(key.slice(0, 2)).toString('hex'));
    }
  });

  it('finds nothing in hex hashes or random hex, and only a placeholder in hex of one', () => {
    const random = Buffer.alloc(100_000);
    for (let i = 0; i < random.length; i++) random[i] = Math.floor(rng() * 256);
    for (const text of [random.toString('hex'), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855']) {
      expect(detect(Buffer.from(text), rules)).toEqual([]);
    }
    expect(detect(Buffer.from(Buffer.from(PLACEHOLDER).toString('hex')), rules).map((m) => [m.encoding, m.placeholder])).toEqual([['hex', true]]);
  });
});
