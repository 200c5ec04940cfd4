import { describe, expect, it } from 'vitest';
import { detect } from '../../src/detect/detect.js';
import { loadBuiltinRules } from '../../src/rules/load-rules.js';
import { expandTemplate } from '../../fixtures/templates.js';
import { seededRng } from '../../fixtures/random.js';

const rules = loadBuiltinRules();
const rng = seededRng(20261126);

describe('every rule example in patterns/openai.json', () => {
  for (const rule of rules.rules) {
    describe(rule.id, () => {
      for (const template of rule.examples) {
        it(`finds ${template}`, () => {
          const { text, secrets } = expandTemplate(template, rng);
          expect(secrets).toHaveLength(1);
          const matches = detect(Buffer.from(text), rules);
          expect(matches.map((m) => [m.ruleId, m.secret])).toEqual([[rule.id, secrets[0]]]);
        });
      }
      for (const template of rule.negativeExamples) {
        it(`does not report ${template} as ${rule.id}`, () => {
          const { text } = expandTemplate(template, rng);
          expect(detect(Buffer.from(text), rules).map((m) => m.ruleId)).not.toContain(rule.id);
        });
      }
    });
  }
});

describe('look-alikes and placeholders (notKeys)', () => {
  for (const template of rules.notKeys) {
    it(`reports nothing for ${template}`, () => {
      const { text } = expandTemplate(template, rng);
      expect(detect(Buffer.from(text), rules)).toEqual([]);
    });
  }
});

describe('placeholders (made-up keys that carry the marker)', () => {
  for (const template of rules.placeholders.examples) {
    it(`reports ${template} as a placeholder only`, () => {
      const { text } = expandTemplate(template, rng);
      const matches = detect(Buffer.from(text), rules);
      expect(matches.length).toBeGreaterThan(0);
      expect(matches.map((m) => m.placeholder)).toEqual(matches.map(() => true));
    });
  }
  for (const template of rules.placeholders.negativeExamples) {
    it(`keeps ${template} a finding`, () => {
      const { text } = expandTemplate(template, rng);
      const matches = detect(Buffer.from(text), rules);
      expect(matches).toHaveLength(1);
      expect(matches[0]!.placeholder).toBeUndefined();
    });
  }
});

/** The encodings the rule file names, written here independently of the detector's decoders. */
const ENCODE: Record<string, (text: string) => string> = {
  base64: (t) => Buffer.from(t, 'latin1').toString('base64'),
  base64url: (t) => Buffer.from(t, 'latin1').toString('base64url'),
  'base64-mime': (t) => Buffer.from(t, 'latin1').toString('base64').replace(/.{76}/g, '$&\n').trimEnd(),
  hex: (t) => Buffer.from(t, 'latin1').toString('hex'),
  HEX: (t) => Buffer.from(t, 'latin1').toString('hex').toUpperCase(),
  utf16le: (t) => Buffer.from(t, 'utf16le').toString('latin1'),
  'utf16le-bom': (t) => `\u00ff\u00fe${Buffer.from(t, 'utf16le').toString('latin1')}`,
  utf16be: (t) => Buffer.from(t, 'utf16le').swap16().toString('latin1'),
};
const REPORTED_AS: Record<string, string> = { base64url: 'base64', 'base64-mime': 'base64', HEX: 'hex', 'utf16le-bom': 'utf16le' };

describe('keys in encodings (encodings in patterns/openai.json)', () => {
  const spec = rules.spec.encodings!;
  it('the rule file has encoded examples of every kind it names', () => {
    const named = new Set([...spec.examples, ...spec.negativeExamples].map((e) => e.encoding));
    expect([...named].sort()).toEqual(Object.keys(ENCODE).sort());
  });
  for (const example of spec.examples) {
    it(`finds ${example.template} in ${example.encoding}`, () => {
      const { text, secrets } = expandTemplate(example.template, rng);
      const bytes = Buffer.from(example.context.replace('{encoded}', () => ENCODE[example.encoding]!(text)), 'latin1');
      const matches = detect(bytes, rules);
      expect(matches.map((m) => [m.secret, m.encoding, m.placeholder])).toEqual([[secrets[0], REPORTED_AS[example.encoding] ?? example.encoding, undefined]]);
    });
  }
  for (const example of spec.negativeExamples) {
    it(`reports nothing for ${example.template} in ${example.encoding}`, () => {
      const { text } = expandTemplate(example.template, rng);
      const bytes = Buffer.from(example.context.replace('{encoded}', () => ENCODE[example.encoding]!(text)), 'latin1');
      expect(detect(bytes, rules).filter((m) => !m.placeholder)).toEqual([]);
    });
  }
});
