import { describe, expect, it } from 'vitest';
import { FAKE_KEY_KINDS } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { detect } from '../../src/detect/detect.js';
import { historyAnchors } from '../../src/detect/history-anchors.js';
import { loadBuiltinRules } from '../../src/rules/load-rules.js';
import { markerBase64Halves } from '../helpers/marker-forms.js';

const rules = loadBuiltinRules();
const anchors = historyAnchors(rules);
const holdsAnchor = (bytes: Buffer) => anchors.some((a) => bytes.includes(a));
const rng = seededRng(4242);

/**
 * Base64 lines holding one half of one of the marker's encoded forms (which makes detection decode the run
 * they are in) and no anchor: a half that holds an anchor would make the texts below pass on the decoy alone.
 */
const decoys = markerBase64Halves()
  .map((half) => `QUJD${half}QUJD`)
  .filter((decoy) => !anchors.some((a) => Buffer.from(decoy).includes(a)));

/** Texts that hide a key every way detection knows: whole, cut in two pieces anywhere, encoded, wrapped. */
function hidingPlaces(key: string): Buffer[] {
  const texts: Buffer[] = [Buffer.from(`KEY=${key}\n`)];
  for (let cut = 1; cut < key.length; cut++) {
    texts.push(Buffer.from(`k = "${key.slice(0, cut)}" + "${key.slice(cut)}"\n`));
    texts.push(Buffer.from(`k = '${key.slice(0, cut)}' \\\n  '${key.slice(cut)}'\n`));
    texts.push(Buffer.from(`export K=${key.slice(0, cut)}\\\n${key.slice(cut)}\n`));
  }
  for (let pad = 0; pad < 3; pad++) {
    const encoded = Buffer.from(`${'x'.repeat(pad)}OPENAI_API_KEY=${key}\n`).toString('base64');
    texts.push(Buffer.from(`data: ${encoded}\n`));
    // Wrapped at every column: the form of the marker is cut once, somewhere.
    // Wrapped once at every column, and many times every few columns, with each kind of break and indentation.
    const joints = ['\n', '\r\n', '\r', '\n  ', '\r\n\t', '\r '];
    for (let wrap = 8; wrap < encoded.length; wrap += 1) for (const joint of joints) texts.push(Buffer.from(`data: |\n  ${encoded.slice(0, wrap)}${joint}${encoded.slice(wrap)}\n`));
    for (const width of [2, 3, 4, 5, 7, 11]) {
      const rows = encoded.match(new RegExp(`.{1,${width}}`, 'g'))!;
      for (const joint of joints) {
        texts.push(Buffer.from(`v: ${rows.join(joint)}\n`));
        // A decoy first: other base64 in the same run that holds a half of the marker's form, so detection
        // decodes the run although the key's own form is broken in both halves.
        for (const decoy of decoys) texts.push(Buffer.from(`v: ${decoy}${joint}${rows.join(joint)}\n`));
      }
    }
  }
  texts.push(Buffer.from(`hex=${Buffer.from(key).toString('hex')}\n`), Buffer.from(`HEX=${Buffer.from(key).toString('hex').toUpperCase()}\n`));
  texts.push(Buffer.from(`key: ${key}\n`, 'utf16le'), Buffer.from(`key: ${key}\n`, 'utf16le').swap16());
  return texts;
}

describe('the anchors a history scan tracks in packs', () => {
  it('are in every text where detection finds a key, however the key is hidden', () => {
    let found = 0;
    for (const kind of FAKE_KEY_KINDS) {
      for (const text of hidingPlaces(kind.make(rng))) {
        if (detect(text, rules).length === 0) continue;
        found++;
        expect(holdsAnchor(text), text.toString('latin1').slice(0, 120)).toBe(true);
      }
    }
    // The places must really hide keys detection finds, or the check above proves nothing.
    expect(found).toBeGreaterThan(FAKE_KEY_KINDS.length * 300);
  });

  it('leave some halves of the encoded forms without an anchor, so the decoys above are real decoys', () => {
    expect(decoys.length).toBeGreaterThanOrEqual(2);
  });

  it('are three bytes or more, and end at few, rare bytes', () => {
    for (const anchor of anchors) expect(anchor.length, JSON.stringify(anchor.toString('latin1'))).toBeGreaterThanOrEqual(3);
    // Every pivot byte is remembered wherever it occurs in a history: a handful, all among the rarest in code.
    const pivots = new Set(anchors.map((a) => String.fromCharCode(a[a.length - 1]!)));
    expect(pivots.size).toBeLessThanOrEqual(8);
    for (const pivot of pivots) expect('JZQjXzqWKVY79856GB43'.includes(pivot), pivot).toBe(true);
  });

  it('end at rare bytes, and without decoding leave out the encoded forms', () => {
    const plain = historyAnchors({ ...rules, decode: false });
    expect(plain.length).toBeLessThan(anchors.length);
    for (const anchor of plain) expect(anchor.includes(rules.marker.subarray(0, 3)) || anchor.includes(rules.marker.subarray(-2))).toBe(true);
    const lastBytes = new Set(anchors.map((a) => String.fromCharCode(a[a.length - 1]!)));
    for (const common of 'etsria \n"') expect(lastBytes.has(common), JSON.stringify(common)).toBe(false);
  });
});
