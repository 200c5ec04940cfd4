import { describe, expect, it } from 'vitest';
import { FAKE_KEY_KINDS } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { redact } from '../../src/detect/redact.js';
import { loadBuiltinRules } from '../../src/rules/load-rules.js';
import { redactKeysIn } from '../../src/detect/redact-keys-in.js';

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
});
