import type { Match } from '../core/types.js';
import type { CompiledRule, RuleSet } from '../rules/rule-types.js';
import { type DecodedRun, base64Needles, decodeBase64Runs } from './decode-base64.js';
import { decodeHexRuns, hexNeedles } from './decode-hex.js';
import { findCandidates } from './find-candidates.js';
import { isBinary } from './is-binary.js';
import { locate } from './locate.js';

/** A match before lines and columns are known. */
export type RawMatch = { rule: CompiledRule; secret: string; offset: number };

/**
 * Pure: bytes and rules in, matches out. Knows nothing of files, git or HTTP. Bytes stay bytes until the
 * marker prefilter says a region matters; only candidate tokens are decoded.
 */
export function detect(bytes: Buffer, rules: RuleSet): Match[] {
  const binary = isBinary(bytes);
  const raw: Array<RawMatch & { encoding?: Encoding }> = detectRaw(bytes, rules, binary);
  // Keys in base64: only where one of the marker's base64 forms occurs, each run decoded once. A key found
  // there is located at the encoded text (the quantum where its encoding starts).
  if (!binary && rules.decode) {
    const seen = new Set<string>();
    const { base64, hex } = decoderNeedles(rules);
    const decoded: Array<[Encoding, DecodedRun[]]> = [['base64', decodeBase64Runs(bytes, base64)], ['hex', decodeHexRuns(bytes, hex)]];
    for (const [encoding, runs] of decoded) {
      for (const run of runs) {
        for (const m of detectRaw(run.decoded, rules, false)) {
          const offset = run.offsetOf(m.offset);
          const key = `${offset}\u0000${m.secret}`;
          if (seen.has(key)) continue;
          seen.add(key);
          raw.push({ rule: m.rule, secret: m.secret, offset, encoding });
        }
      }
    }
  }
  if (raw.length === 0) return [];
  const positions = binary ? null : locate(bytes, raw.map((m) => m.offset));
  return raw.map((m, i) => ({
    ruleId: m.rule.id,
    secret: m.secret,
    offset: m.offset,
    line: positions ? positions[i]!.line : null,
    column: positions ? positions[i]!.column : null,
    ...(m.encoding ? { encoding: m.encoding } : {}),
  }));
}

type Encoding = NonNullable<Match['encoding']>;
const needleCache = new WeakMap<Buffer, { base64: Buffer[]; hex: Buffer[]; all: Buffer[] }>();
/** The marker's encoded forms (base64 at three alignments, hex in both cases) for these rules, computed once. */
export function decoderNeedles(rules: RuleSet): { base64: Buffer[]; hex: Buffer[]; all: Buffer[] } {
  let needles = needleCache.get(rules.marker);
  if (!needles) {
    const marker = rules.marker.toString('latin1');
    const base64 = base64Needles(marker);
    const hex = hexNeedles(marker);
    needles = { base64, hex, all: [...base64, ...hex] };
    needleCache.set(rules.marker, needles);
  }
  return needles;
}

export function detectRaw(bytes: Buffer, rules: RuleSet, binary: boolean): RawMatch[] {
  const out: RawMatch[] = [];
  for (const candidate of findCandidates(bytes, rules, binary)) {
    const token = bytes.toString('latin1', candidate.start, candidate.end);
    const rule = classify(token, rules);
    if (rule) out.push({ rule, secret: token, offset: candidate.start });
  }
  return out;
}

/** The first rule whose anchored pattern matches the whole token, unless the token is a look-alike or placeholder. */
export function classify(token: string, rules: RuleSet): CompiledRule | null {
  for (const prefix of rules.notOpenAIPrefixes) {
    if (token.startsWith(prefix)) return null;
  }
  for (const rule of rules.rules) {
    const m = rule.pattern.exec(token);
    if (!m) continue;
    const { left = '', right = '' } = m.groups ?? {};
    // Placeholders like sk-xxxx…T3BlbkFJxxxx… have the right shape but no randomness.
    if (distinctChars(left) < rules.minDistinctCharsPerSide || distinctChars(right) < rules.minDistinctCharsPerSide) return null;
    return rule;
  }
  return null;
}

function distinctChars(text: string): number {
  return new Set(text).size;
}
