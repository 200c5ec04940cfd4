import { RuleError } from '../core/errors.js';
import type { CompiledRule, RuleFileSpec, RuleSet, RuleSpec } from './rule-types.js';

const KEY_TYPES = new Set(['project', 'admin']);
const FORMATS = new Set(['legacy', 'none', 'project', 'service-account', 'admin']);
const CONFIDENCES = new Set(['high', 'low']);

// Patterns borrowed from Go or Rust scanners carry syntax that JavaScript reads differently or not at all;
// `\z` without the u flag silently matches a literal z. Name the construct instead of misbehaving.
const FOREIGN_SYNTAX: Array<[RegExp, string]> = [
  [/\(\?[imsxU-]+\)/, 'inline flags like (?i) are not JavaScript'],
  [/\(\?[imsxU-]+:/, 'inline flag groups like (?i:...) are not JavaScript'],
  [/\\[zAZ]/, '\\z, \\A and \\Z are not JavaScript anchors; use ^ and $'],
  [/\(\?P</, 'use (?<name>...) rather than (?P<name>...)'],
  [/\[\[:[a-z]+:\]\]/, 'POSIX classes like [[:alnum:]] are not JavaScript'],
];
// V8's engine backtracks: every quantifier must be bounded so a hostile file cannot make a rule slow.
const UNBOUNDED = /(?<!\\)[*+]|\{\d+,\}/;

export function compileRules(spec: RuleFileSpec): RuleSet {
  if (!/^[A-Za-z0-9+/]{4,}$/.test(spec.marker)) throw new RuleError('marker must be a plain base64 string', null);
  const tokenByte = tokenByteTable(spec.tokenChars);
  for (const ch of spec.marker) {
    if (!tokenByte[ch.charCodeAt(0)]) throw new RuleError('marker contains a character outside tokenChars', null);
  }
  const seen = new Set<string>();
  const rules = spec.rules.map((rule) => {
    if (seen.has(rule.id)) throw new RuleError('duplicate rule id', rule.id);
    seen.add(rule.id);
    return compileRule(rule, spec.marker);
  });
  if (rules.length === 0) throw new RuleError('no rules', null);
  checkFormats(spec);
  return {
    marker: Buffer.from(spec.marker, 'latin1'),
    decode: true,
    tokenByte,
    tokenMinLength: spec.tokenMinLength,
    tokenMaxLength: spec.tokenMaxLength,
    notOpenAIPrefixes: [...spec.notOpenAIPrefixes],
    placeholders: checkPlaceholders(spec),
    notKeys: [...spec.notKeys],
    formats: spec.formats,
    remediation: spec.remediation,
    redactionPrefixes: Object.values(spec.formats)
      .flatMap((f) => f.prefixes)
      .filter((p) => p !== 'sk-')
      .sort((a, b) => b.length - a.length),
    rules,
    spec,
  };
}

/** The placeholder thresholds are small positive integers: a missing or zero one would let made-up keys through as findings, or real ones out. */
function checkPlaceholders(spec: RuleFileSpec): RuleFileSpec['placeholders'] {
  const p = spec.placeholders;
  for (const field of ['minDistinctCharsPerSide', 'sequenceRun', 'repeatMaxPeriod', 'repeatMinMatch'] as const) {
    const value = p?.[field];
    if (!Number.isInteger(value) || value < 1 || value > 100) throw new RuleError(`placeholders.${field} must be an integer from 1 to 100`, null);
  }
  if (!Array.isArray(p.examples) || !Array.isArray(p.negativeExamples)) throw new RuleError('placeholders needs examples and negativeExamples', null);
  return p;
}

/** Every format must have a name, prefixes and a remediation kind that exists: a new format is a change to the rule file alone. */
function checkFormats(spec: RuleFileSpec): void {
  if (!spec.formats || !spec.remediation?.kinds) throw new RuleError('the rule file needs "formats" and "remediation"', null);
  for (const format of FORMATS) {
    const f = spec.formats[format as keyof RuleFileSpec['formats']];
    if (!f || typeof f.name !== 'string' || !Array.isArray(f.prefixes) || f.prefixes.length === 0) throw new RuleError(`format ${format}: needs a name and at least one prefix`, null);
    if (!f.prefixes.every((p) => /^sk-[A-Za-z0-9-]*$/.test(p))) throw new RuleError(`format ${format}: prefixes are literal sk-… strings`, null);
    if (!spec.remediation.kinds[f.remediation]) throw new RuleError(`format ${format}: no remediation kind "${f.remediation}"`, null);
  }
}

function compileRule(rule: RuleSpec, marker: string): CompiledRule {
  if (!/^[a-z0-9-]+$/.test(rule.id)) throw new RuleError('id must be kebab-case', rule.id);
  if (!KEY_TYPES.has(rule.keyType)) throw new RuleError(`unknown keyType "${rule.keyType}"`, rule.id);
  if (!FORMATS.has(rule.format)) throw new RuleError(`unknown format "${rule.format}"`, rule.id);
  if (!CONFIDENCES.has(rule.confidence)) throw new RuleError(`unknown confidence "${rule.confidence}"`, rule.id);
  for (const [probe, why] of FOREIGN_SYNTAX) {
    if (probe.test(rule.regex)) throw new RuleError(`regex: ${why}`, rule.id);
  }
  if (UNBOUNDED.test(rule.regex)) throw new RuleError('regex: every quantifier must be bounded ({m,n})', rule.id);
  if (!rule.regex.startsWith('^') || !rule.regex.endsWith('$')) {
    throw new RuleError('regex must be anchored (^...$): it is applied to a whole candidate token', rule.id);
  }
  if (!rule.regex.includes(marker)) throw new RuleError('regex must contain the marker', rule.id);
  if (!rule.regex.includes('(?<left>') || !rule.regex.includes('(?<right>')) {
    throw new RuleError('regex must name the groups left and right around the marker', rule.id);
  }
  if (rule.examples.length === 0) throw new RuleError('a rule needs at least one example', rule.id);
  let pattern: RegExp;
  try {
    pattern = new RegExp(rule.regex, 'u');
  } catch (error) {
    throw new RuleError(`regex does not compile: ${(error as Error).message}`, rule.id, { cause: error });
  }
  const { regex: _regex, ...rest } = rule;
  return { ...rest, pattern };
}

/** Expands a character-class body like `A-Za-z0-9_-` into a byte lookup table. */
function tokenByteTable(chars: string): Uint8Array {
  const table = new Uint8Array(256);
  for (let i = 0; i < chars.length; i++) {
    const c = chars.charCodeAt(i);
    if (chars[i + 1] === '-' && i + 2 < chars.length) {
      const end = chars.charCodeAt(i + 2);
      for (let x = c; x <= end; x++) table[x] = 1;
      i += 2;
    } else {
      table[c] = 1;
    }
  }
  return table;
}
