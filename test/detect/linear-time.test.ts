import { describe, expect, it } from 'vitest';
import { detect } from '../../src/detect/detect.js';
import { findCandidates, type WorkMeter } from '../../src/detect/find-candidates.js';
import { loadBuiltinRules } from '../../src/rules/load-rules.js';
import { MARKER } from '../../fixtures/templates.js';
import { markerBase64Halves } from '../helpers/marker-forms.js';

const rules = loadBuiltinRules();
const FIVE_MB = 5 * 1024 * 1024;

const adversarial: Array<[string, string]> = [
  ['sk-sk-sk-…', 'sk-'],
  ['sk- and the marker, glued', `sk-${MARKER}`],
  ['the marker alone, glued', MARKER],
  ['marker with separators', `sk-${MARKER}-`],
  ['short keys that almost fit', `sk-abcdefghij${MARKER}abcdefghij `],
  ['escaped newlines', `\\nsk-${MARKER}`],
  ['URL-encoded quotes', `%22sk-${MARKER}%22`],
  ['\\u0022 escapes', `\\u0022sk-${MARKER}`],
  ['long ANSI parameter lists', `\u001b[${'1;'.repeat(200)}32msk-${MARKER}`],
];

describe('detection work is linear in the input', () => {
  for (const [name, unit] of adversarial) {
    it(`walks each byte a bounded number of times on 5 MB of ${name}`, () => {
      const bytes = Buffer.from(unit.repeat(Math.ceil(FIVE_MB / unit.length)));
      const meter: WorkMeter = { bytesWalked: 0, markers: 0 };
      findCandidates(bytes, rules, false, meter);
      // Each marker expands its run once and the next search resumes past it: at most one walk per byte.
      expect(meter.bytesWalked).toBeLessThanOrEqual(bytes.length);
      // Regexes then run only on candidates of at most tokenMaxLength bytes, so their cost is bounded too.
      const candidates = findCandidates(bytes, rules);
      for (const c of candidates) expect(c.end - c.start).toBeLessThanOrEqual(rules.tokenMaxLength);
      expect(detect(bytes, rules)).toEqual([]);
    });
  }

  it('decodes each base64 run once, however many of the marker\'s base64 forms it holds', () => {
    const needle = Buffer.from(`x${MARKER}`).toString('base64');
    const bytes = Buffer.from(needle.repeat(Math.ceil(FIVE_MB / needle.length)));
    expect(detect(bytes, rules)).toEqual([]);
    const alphabet = Buffer.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.repeat(Math.ceil(FIVE_MB / 64)));
    expect(detect(alphabet, rules)).toEqual([]);
    const hex = Buffer.from(Buffer.from(MARKER).toString('hex').repeat(Math.ceil(FIVE_MB / 16)));
    expect(detect(hex, rules)).toEqual([]);
  });

  it('passes over encoded runs too short to hold a key without decoding them: 24 MB of short base64 forms of the marker', () => {
    const forms = markerBase64Halves().map((f) => `${f}=`).join('');
    const bytes = Buffer.from(forms.repeat(Math.ceil((24 << 20) / forms.length)));
    // Decoding each of these runs at every alignment once ran out of memory; now they cost a needle search.
    expect(detect(bytes, rules)).toEqual([]);
    const hex = Buffer.from(`${Buffer.from(MARKER).toString('hex')} `.repeat(Math.ceil(FIVE_MB / 17)));
    expect(detect(hex, rules)).toEqual([]);
  });

  it('decodes each UTF-16 run once: 5 MB of alternating NUL bytes, and of the marker in UTF-16 of both byte orders', () => {
    expect(detect(Buffer.from('a\u0000'.repeat(FIVE_MB / 2), 'latin1'), rules)).toEqual([]);
    const le = Buffer.from(`x${MARKER}`, 'utf16le');
    expect(detect(Buffer.concat(Array.from({ length: Math.ceil(FIVE_MB / le.length) }, () => le)), rules)).toEqual([]);
    const mixed = Buffer.concat([le, Buffer.from(le).swap16(), Buffer.from([0])]);
    expect(detect(Buffer.concat(Array.from({ length: Math.ceil(FIVE_MB / mixed.length) }, () => mixed)), rules)).toEqual([]);
  });

  it('expands one giant run exactly once, however many markers it holds', () => {
    const bytes = Buffer.from(`a${MARKER}`.repeat(500_000));
    const meter: WorkMeter = { bytesWalked: 0, markers: 0 };
    expect(findCandidates(bytes, rules, false, meter)).toEqual([]);
    expect(meter.markers).toBe(1);
    expect(meter.bytesWalked).toBe(bytes.length);
  });
});
