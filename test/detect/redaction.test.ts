import { describe, expect, it } from 'vitest';
import { FAKE_KEY_KINDS } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { redact } from '../../src/detect/redact.js';
import { loadBuiltinRules } from '../../src/rules/load-rules.js';
import { redactKeysIn } from '../../src/detect/redact-keys-in.js';
import { markerBase64Halves } from '../helpers/marker-forms.js';

const rng = seededRng(89);
const MARKER = 'T3BlbkFJ';
const PREFIXES = loadBuiltinRules().redactionPrefixes;

/** Every run of 12 characters of the key's body (after its prefix) that the text still shows. */
function leakedRuns(text: string, key: string, prefix: string): string[] {
  const body = key.slice(prefix.length);
  const runs: string[] = [];
  for (let i = 0; i + 12 <= body.length; i++) if (text.includes(body.slice(i, i + 12))) runs.push(body.slice(i, i + 12));
  return runs;
}

describe('redaction', () => {
  it('shows the prefix, the first four and the last four characters of the body, and nothing more, for every format', () => {
    for (const kind of FAKE_KEY_KINDS) {
      const key = kind.make(rng);
      const shown = redact(key, PREFIXES);
      const prefix = shown.slice(0, shown.indexOf('…') - 4);
      expect(key.startsWith(prefix), kind.name).toBe(true);
      expect(shown, kind.name).toBe(`${prefix}${key.slice(prefix.length, prefix.length + 4)}…${key.slice(-4)}`);
      expect(['sk-', 'sk-proj-', 'sk-svcacct-', 'sk-None-', 'sk-admin-', 'sk-ci-deployer-'], kind.name).toContain(prefix);
      expect(leakedRuns(shown, key, prefix), kind.name).toEqual([]);
    }
  });

  it('keeps exactly the format prefix, a named service account\'s name, or sk- alone', () => {
    const body = (n: number) => 'aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gI3kM5oQ7'.slice(0, n);
    expect(redact(`sk-ci-deployer-${body(20)}${MARKER}${body(20)}`, PREFIXES)).toBe(`sk-ci-deployer-${body(4)}…${body(20).slice(-4)}`);
    expect(redact(`sk-a-${body(20)}${MARKER}${body(20)}`, PREFIXES).startsWith('sk-a-')).toBe(true);
    // Not a named key: the right side is longer than a named key's, so the dash is part of the body.
    expect(redact(`sk-abc-${body(20)}${MARKER}${body(25)}`, PREFIXES)).toBe(`sk-abc-…${body(25).slice(-4)}`);
    expect(redact(`sk-abc-${body(19)}${MARKER}${body(20)}`, PREFIXES)).toBe(`sk-abc-…${body(20).slice(-4)}`);
    expect(redact(`sk-abc-${body(20)}${MARKER}${body(20)}x`, PREFIXES)).toBe(`sk-abc-…${body(20).slice(-3)}x`);
    expect(redact(`sk-proj-${body(12)}`, PREFIXES)).toBe('sk-proj-…');
    expect(redact(`sk-proj-${body(13)}`, PREFIXES)).toBe(`sk-proj-${body(4)}…${body(13).slice(-4)}`);
    expect(redact(`sk-${body(5)}`, [])).toBe('sk-…');
  });

  it('hides keys inside any text (names, messages), even glued to other characters, leaving other text alone', () => {
    const key = FAKE_KEY_KINDS.find((k) => k.name === 'project-v2')!.make(rng);
    const text = `error reading config/${key}.env and x${key}y: done`;
    const safe = redactKeysIn(text, MARKER, PREFIXES);
    expect(safe).not.toContain(MARKER);
    expect(leakedRuns(safe, key, 'sk-proj-')).toEqual([]);
    expect(safe.startsWith('error reading config/sk-proj-')).toBe(true);
    expect(safe.endsWith(': done')).toBe(true);
    expect(redactKeysIn('nothing secret here', MARKER, PREFIXES)).toBe('nothing secret here');
    expect(redactKeysIn(`x${key}`, MARKER, PREFIXES)).toBe(`x${redact(key, PREFIXES)}`);
    // An "sk-" after the marker is not the key's start: the whole run is hidden, nothing before it shown.
    expect(redactKeysIn(`abcdefghij${MARKER}klmnsk-opqrst`, MARKER, PREFIXES)).toBe('abcd…qrst');
    // A marker with no sk- before it is still hidden: a false positive costs nothing here.
    expect(redactKeysIn(`abcdefghij${MARKER}klmnopqrst`, MARKER, PREFIXES)).toBe('abcd…qrst');
  });

  it('hides keys in base64 (wrapped or not), in hex, and cut in two pieces, inside any text', () => {
    const key = FAKE_KEY_KINDS.find((k) => k.name === 'admin')!.make(rng);
    const b64 = Buffer.from(`OPENAI_ADMIN_KEY=${key}\n`).toString('base64');
    const wrapped = b64.replace(/.{40}/g, '$&\n    ');
    const hex = Buffer.from(key).toString('hex');
    const cut = (k: number) => `k = "${key.slice(0, key.indexOf(MARKER) + k)}" + "${key.slice(key.indexOf(MARKER) + k)}"`;
    // Cut at every position inside the marker.
    const cuts = [1, 2, 3, 4, 5, 6, 7].map(cut);
    const texts = [`deploy: add secret ${b64} (prod)`, `data:\n  KEY: |\n    ${wrapped}\nnext: 1`, `dump ${hex} end`, ...cuts];
    const joined = (t: string) => t.replace(/" \+ "/g, '');
    const encodings = [(t: string) => t, (t: string) => t, (t: string) => Buffer.from(t, 'hex').toString('latin1'), ...cuts.map(() => joined)];
    texts.forEach((text, i) => {
      const safe = redactKeysIn(text, MARKER, PREFIXES);
      // Read back as the encoding would be: no 12 characters of the key survive, in the text or decoded.
      expect(leakedRuns(safe, key, 'sk-admin-'), text).toEqual([]);
      expect(leakedRuns(encodings[i]!(safe), key, 'sk-admin-'), text).toEqual([]);
      for (const line of safe.split('\n')) {
        const decoded = Buffer.from(line.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64').toString('latin1');
        expect(leakedRuns(decoded, key, 'sk-admin-'), `${text}: base64 left in ${line}`).toEqual([]);
      }
    });
    // Around it, the text stays.
    expect(redactKeysIn(texts[0]!, MARKER, PREFIXES)).toMatch(/^deploy: add secret .{4}….{4} \(prod\)$/);
    expect(redactKeysIn(texts[1]!, MARKER, PREFIXES)).toMatch(/^data:\n {2}KEY: \|\n {4}.{4}….{4}\nnext: 1$/);
  });

  it('redacting twice changes nothing, short pieces stay as they are, and the work is linear in the text', () => {
    const key = FAKE_KEY_KINDS.find((k) => k.name === 'project-v2')!.make(rng);
    const text = `a T3Bl b, ${Buffer.from(key).toString('base64')} and "${key.slice(0, 90)}" + "${key.slice(90)}"`;
    const once = redactKeysIn(text, MARKER, PREFIXES);
    expect(redactKeysIn(once, MARKER, PREFIXES)).toBe(once);
    expect(once.startsWith('a T3Bl b, ')).toBe(true);
    // Floods of marker pieces and of the marker's base64 form, on one line and over many: a walk back over
    // the line per piece (quadratic) takes minutes on 2 MB and runs into the test's timeout; a linear one
    // takes about a second. Every piece in a flood is short, so nothing is masked and the text comes back.
    for (const unit of ['T3Bl ', `${markerBase64Halves()[0]} `, 'bkFJ;\n  ']) {
      const flood = unit.repeat((2 << 20) / unit.length);
      expect(redactKeysIn(flood, MARKER, PREFIXES) === flood, unit).toBe(true);
    }
  });
});
