import type { Encoding, Match } from '../core/types.js';
import type { CompiledRule, RuleSet } from '../rules/rule-types.js';
import { assembleSplitKeys } from './assemble-split.js';
import { decodeRuns } from './decoders.js';
import { findCandidates } from './find-candidates.js';
import { isBinary } from './is-binary.js';
import { locate, locateUtf16 } from './locate.js';
import { type MarkerForms, findMarkerForms } from './marker-forms.js';
import { scanMarker } from './marker-scan.js';
import { utf16TextOrder } from './decode-utf16.js';
import { isPlaceholderSide } from './placeholder.js';

/** A match before lines and columns are known; `placeholder` when the key is made up (see placeholder.ts). */
export type RawMatch = { rule: CompiledRule; secret: string; offset: number; placeholder: boolean };
type DecodedMatch = RawMatch & { encoding: Encoding };

/**
 * Pure: bytes and rules in, matches out. Knows nothing of files, git or HTTP. Bytes stay bytes until the
 * marker prefilter says a region matters; only candidate tokens are decoded.
 */
export function detect(bytes: Buffer, rules: RuleSet): Match[] {
  const binary = isBinary(bytes);
  let raw: Array<RawMatch & { encoding?: Encoding; assembled?: true }> = detectRaw(bytes, rules, binary);
  // Keys in pieces are joined only where the marker occurs whole or cut between two pieces.
  const scan = binary ? null : scanMarker(bytes, rules.marker);
  if (scan && (scan.whole || scan.cut)) {
    const assembled = assembleSplitKeys(bytes, rules);
    // The first piece alone can look like a short key: the whole key, joined, replaces it.
    const starts = new Set(assembled.map((a) => a.offset));
    raw = raw.filter((m) => !starts.has(m.offset));
    for (const a of assembled) raw.push({ rule: a.rule, secret: a.secret, offset: a.offset, placeholder: isPlaceholderKey(a.secret, a.rule, rules), assembled: true });
  }
  if (rules.decode) raw.push(...detectDecoded(bytes, rules, findMarkerForms(bytes, rules.marker, binary, true)));
  if (raw.length === 0) return [];
  const offsets = raw.map((m) => m.offset);
  const utf16 = binary ? utf16TextOrder(bytes) : null;
  const positions = !binary ? locate(bytes, offsets) : utf16 ? locateUtf16(bytes, offsets, utf16) : null;
  return raw.map((m, i) => ({
    ruleId: m.rule.id,
    secret: m.secret,
    offset: m.offset,
    line: positions ? positions[i]!.line : null,
    column: positions ? positions[i]!.column : null,
    ...(m.encoding ? { encoding: m.encoding } : {}),
    ...(m.assembled ? { assembled: true as const } : {}),
    ...(m.placeholder ? { placeholder: true as const } : {}),
  }));
}

/**
 * Keys in encoded text (base64, hex, UTF-16): only where an encoded form of the marker occurs, each run
 * decoded once and searched as a file of its own, so a base64 `.env` gives the key in its context. A key
 * found there is located at the encoded text (the quantum, digit pair or code unit where its encoding starts).
 */
function detectDecoded(bytes: Buffer, rules: RuleSet, forms: MarkerForms): DecodedMatch[] {
  const out: DecodedMatch[] = [];
  const seen = new Set<string>();
  for (const { layer, run } of decodeRuns(bytes, forms, rules.tokenMinLength)) {
    for (const m of detectRaw(run.decoded, rules, isBinary(run.decoded))) {
      const offset = run.offsetOf(m.offset);
      // A base64 run is decoded at each possible start: the same key at the same place counts once.
      const key = `${offset}\u0000${m.secret}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ ...m, offset, encoding: layer });
    }
  }
  return out;
}

export function detectRaw(bytes: Buffer, rules: RuleSet, binary: boolean): RawMatch[] {
  const out: RawMatch[] = [];
  for (const candidate of findCandidates(bytes, rules, binary)) {
    const token = bytes.toString('latin1', candidate.start, candidate.end);
    const rule = classify(token, rules);
    if (rule) out.push({ rule, secret: token, offset: candidate.start, placeholder: isPlaceholderKey(token, rule, rules) });
  }
  return out;
}

/** The first rule whose anchored pattern matches the whole token, unless the token is a look-alike. */
export function classify(token: string, rules: RuleSet): CompiledRule | null {
  for (const prefix of rules.notOpenAIPrefixes) {
    if (token.startsWith(prefix)) return null;
  }
  for (const rule of rules.rules) {
    if (rule.pattern.test(token)) return rule;
  }
  return null;
}

/** Whether a key the rule matched is made up: either side of the marker fails the placeholder rule. */
function isPlaceholderKey(token: string, rule: CompiledRule, rules: RuleSet): boolean {
  const { left = '', right = '' } = rule.pattern.exec(token)?.groups ?? {};
  return isPlaceholderSide(left, rules.placeholders) || isPlaceholderSide(right, rules.placeholders);
}
