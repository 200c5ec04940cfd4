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
