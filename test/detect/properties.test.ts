import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detect } from '../../src/detect/detect.js';
import { isPlaceholderSide } from '../../src/detect/placeholder.js';
import { loadBuiltinRules } from '../../src/rules/load-rules.js';
import { ALNUM, BASE64URL } from '../../fixtures/random.js';
import { MARKER } from '../../fixtures/templates.js';

const rules = loadBuiltinRules();
const ruleById = (id: string) => rules.rules.find((r) => r.id === id)!;

/** Random bodies from a charset, kept to those with the randomness a real key has (placeholders are rejected by design). */
const body = (alphabet: string, length: number) =>
  fc
    .array(fc.constantFrom(...alphabet), { minLength: length, maxLength: length })
    .map((chars) => chars.join(''))
    .filter((s) => !isPlaceholderSide(s, rules.placeholders));

const shapes: Array<{ ruleId: string; prefix: fc.Arbitrary<string>; alphabet: string; side: number }> = [
  { ruleId: 'openai-admin-key', prefix: fc.constant('sk-admin-'), alphabet: BASE64URL, side: 58 },
  { ruleId: 'openai-project-key-v2', prefix: fc.constant('sk-proj-'), alphabet: BASE64URL, side: 74 },
  { ruleId: 'openai-service-account-key-v2', prefix: fc.constant('sk-svcacct-'), alphabet: BASE64URL, side: 74 },
  { ruleId: 'openai-project-key-58', prefix: fc.constant('sk-proj-'), alphabet: BASE64URL, side: 58 },
  { ruleId: 'openai-service-account-key-58', prefix: fc.constant('sk-svcacct-'), alphabet: BASE64URL, side: 58 },
  { ruleId: 'openai-project-key-v1', prefix: fc.constant('sk-proj-'), alphabet: ALNUM, side: 20 },
  { ruleId: 'openai-service-account-key-v1', prefix: fc.constant('sk-svcacct-'), alphabet: ALNUM, side: 20 },
  { ruleId: 'openai-legacy-key', prefix: fc.constant('sk-'), alphabet: ALNUM, side: 20 },
  { ruleId: 'openai-none-key', prefix: fc.constant('sk-None-'), alphabet: ALNUM, side: 20 },
  {
    ruleId: 'openai-named-service-account-key',
    prefix: fc
      .stringMatching(/^[a-z0-9][a-z0-9-]{0,30}$/)
      .filter((name) => !['proj', 'svcacct', 'None', 'admin'].includes(name) && !/^(ant|or|lf)(-|$)/.test(name))
      .map((name) => `sk-${name}-`),
    alphabet: ALNUM,
    side: 20,
  },
];

const separators = fc.constantFrom(' ', '\n', '"', "'", '=', ':', '(', ')', ',', '&', '<', '>', '[', ']', '{', '}', '`', '\t', '.', ';');

describe('generated keys', () => {
  for (const shape of shapes) {
    const key = fc.tuple(shape.prefix, body(shape.alphabet, shape.side), body(shape.alphabet, shape.side)).map(([p, l, r]) => `${p}${l}${MARKER}${r}`);

    it(`finds every valid ${shape.ruleId} between any separators`, () => {
      fc.assert(
        fc.property(key, separators, separators, (k, before, after) => {
          const matches = detect(Buffer.from(`x${before}${k}${after}y`), rules);
          expect(matches.map((m) => [m.ruleId, m.secret])).toEqual([[shape.ruleId, k]]);
        }),
        { numRuns: 60 },
      );
    });

    it(`does not report ${shape.ruleId} one character short`, () => {
      fc.assert(
        fc.property(key, fc.boolean(), (k, cutLeft) => {
          const at = cutLeft ? k.indexOf(MARKER) - 1 : k.length - 1;
          const short = k.slice(0, at) + k.slice(at + 1);
          expect(detect(Buffer.from(short), rules).map((m) => m.ruleId)).not.toContain(shape.ruleId);
        }),
        { numRuns: 40 },
      );
    });

    it(`does not report ${shape.ruleId} glued to a longer token`, () => {
      fc.assert(
        fc.property(key, fc.constantFrom(...BASE64URL), (k, glue) => {
          expect(detect(Buffer.from(`${glue}${k}`), rules)).toEqual([]);
        }),
        { numRuns: 40 },
      );
    });

    it(`does not report ${shape.ruleId} with a character outside its charset`, () => {
      fc.assert(
        fc.property(key, fc.constantFrom('+', '/', '=', '.', '~'), fc.nat(), (k, bad, n) => {
          const bodyStart = k.indexOf(MARKER) + MARKER.length;
          const at = bodyStart + (n % (k.length - bodyStart));
          const broken = k.slice(0, at) + bad + k.slice(at + 1);
          expect(detect(Buffer.from(broken), rules).map((m) => m.ruleId)).not.toContain(shape.ruleId);
        }),
        { numRuns: 40 },
      );
    });
  }

  it('a near-miss with the marker is either dropped or reported as low confidence, never as a strict rule', () => {
    fc.assert(
      fc.property(fc.integer({ min: 16, max: 100 }), fc.integer({ min: 16, max: 100 }), (left, right) => {
        fc.pre(!(left === right && [20, 58, 74].includes(left)));
        const k = `sk-proj-${'aB3_'.repeat(30).slice(0, left)}${MARKER}${'xY9-'.repeat(30).slice(0, right)}`;
        const matches = detect(Buffer.from(k), rules);
        for (const m of matches) expect(ruleById(m.ruleId).confidence).toBe('low');
      }),
      { numRuns: 80 },
    );
  });
});
