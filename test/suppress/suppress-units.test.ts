import { secretOf } from '../../src/core/secret.js';
import { describe, expect, it } from 'vitest';
import type { Finding, Location } from '../../src/core/types.js';
import { hasAllowComment } from '../../src/suppress/allow-comment.js';
import { applySuppressions } from '../../src/suppress/apply-suppressions.js';
import { parseBaseline } from '../../src/suppress/baseline.js';
import { parseIgnoreFile } from '../../src/suppress/ignore-file.js';

const KEY = 'KEYKEYKEY';

function allowed(text: string): boolean {
  const bytes = Buffer.from(text);
  return hasAllowComment(bytes, bytes.indexOf(KEY), KEY.length);
}

const location = (path: string | null): Location => (path === null ? { source: 'stdin', path, line: 1, column: 1, offset: 0, blobId: 'b' } : { source: 'file', path, line: 1, column: 1, offset: 0, blobId: 'b' });
const finding = (sha: string, paths: Array<string | null>): Finding => ({
  id: `ks-${sha.slice(0, 16)}`,
  secretSha256: sha,
  ruleId: 'r',
  keyType: 'project',
  format: 'project',
  formatName: 'project key format',
  confidence: 'high',
  redacted: 'sk-…',
  secret: secretOf('x'),
  locations: paths.map(location),
  remediation: { revokeUrl: 'u', apiRevocation: null, steps: [] },
});

const ASOF = '2026-11-27T10:00:00.000Z';

describe('keysweep:allow applies to its own line only', () => {
  it('same line before or after the key: allowed; the line above or below: not', () => {
    expect(allowed(`a = "${KEY}" # keysweep:allow\n`)).toBe(true);
    expect(allowed(`# keysweep:allow\na = "${KEY}"\n`)).toBe(false);
    expect(allowed(`a = "${KEY}"\n# keysweep:allow\n`)).toBe(false);
    expect(allowed(`x\n/* keysweep:allow */ a = "${KEY}"`)).toBe(true);
    expect(allowed(`ab\n${KEY} # keysweep:allow`)).toBe(true);
    expect(allowed(`${'a'.repeat(30)}\n${KEY} # keysweep:allow${'b'.repeat(40)}`)).toBe(true);
    expect(allowed(`a = "${KEY}"`)).toBe(false);
    expect(allowed(`a = "${KEY}" # keysweep:allo`)).toBe(false);
  });

  it('the window ends exactly 4096 bytes past the key and starts exactly 4096 bytes before it', () => {
    const after = (gap: number) => allowed(`${KEY}${'y'.repeat(gap)}keysweep:allow`);
    expect(after(4096 - 14)).toBe(true);
    expect(after(4096 - 13)).toBe(false);
    const before = (gap: number) => allowed(`${'x'.repeat(10)}keysweep:allow${'y'.repeat(gap)}${KEY}`);
    expect(before(4096 - 14)).toBe(true);
    expect(before(4096 - 13)).toBe(false);
    expect(allowed(`keysweep:allow\n${KEY}`)).toBe(false);
    expect(allowed(`ab keysweep:allow\n${'z'.repeat(30)}${KEY}`)).toBe(false);
  });

  it('on a huge minified line, only within 4 KiB of the key', () => {
    expect(allowed(`${'x'.repeat(5000)}keysweep:allow${'y'.repeat(5000)}${KEY}`)).toBe(false);
    expect(allowed(`${'x'.repeat(5000)}keysweep:allow${'y'.repeat(4000)}${KEY}`)).toBe(true);
    expect(allowed(`${KEY}${'y'.repeat(4000)}keysweep:allow`)).toBe(true);
    expect(allowed(`${KEY}${'y'.repeat(4100)}keysweep:allow`)).toBe(false);
  });
});

describe('suppression files and their effect', () => {
  it('.keysweepignore: 64-hex lines are hashes (any case), comments and blanks are skipped, the rest are globs', () => {
    const sha = 'A'.repeat(64);
    const parsed = parseIgnoreFile(`# comment\n\n${sha}\r\ntests/**\n  fixtures/*.env  \n${'a'.repeat(63)}\n`, 'root');
    expect(parsed.secretHashes).toEqual(['a'.repeat(64)]);
    expect(parsed.pathRule!.root).toBe('root');
    expect(parsed.pathRule!.matcher.ignores('tests/x.py')).toBe(true);
    expect(parsed.pathRule!.matcher.ignores('fixtures/a.env')).toBe(true);
    expect(parsed.pathRule!.matcher.ignores('src/a.py')).toBe(false);
    expect(parseIgnoreFile('# only a comment\n', '').pathRule).toBeNull();
  });

  it('a baseline yields the hashes of its findings and ignored findings; anything else fails the run', () => {
    const [a, b] = ['a'.repeat(64), 'b'.repeat(64)];
    expect(parseBaseline(JSON.stringify({ schemaVersion: 1, findings: [{ secretSha256: a }, { secretSha256: 'short' }, null], ignored: [{ secretSha256: b }] }), 'b.json')).toEqual(new Set([a, b]));
    expect(() => parseBaseline('not json', 'b.json')).toThrow(/not JSON/);
    expect(() => parseBaseline(JSON.stringify({ schemaVersion: 2, findings: [] }), 'b.json')).toThrow(/schemaVersion 1/);
  });

  it('a hash suppresses a finding everywhere; a path glob only its locations, so a finding with one unsuppressed location stays', () => {
    const [a, b, c] = ['a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64)];
    const rule = parseIgnoreFile('tests/**\n', '').pathRule!;
    const split = applySuppressions([finding(a, ['src/x.py']), finding(b, ['tests/t.py', 'src/y.py']), finding(c, ['tests/t.py', null])], {
      secretHashes: new Set([a]),
      pathRules: [rule],
      baselineHashes: new Set(),
      decisions: [],
      asOf: ASOF,
    });
    expect(split.ignored.map((f) => [f.secretSha256, f.suppressed])).toEqual([[a, 'ignore-file-secret']]);
    expect(split.reported.map((f) => f.secretSha256)).toEqual([b, c]);
    expect(split.reported[0]!.locations.map((l) => l.suppressed)).toEqual(['ignore-file-path', undefined]);
    const all = applySuppressions([finding(b, ['tests/a.py', 'tests/b.py'])], { secretHashes: new Set(), pathRules: [rule], baselineHashes: new Set(), decisions: [], asOf: ASOF });
    expect(all.ignored.map((f) => f.suppressed)).toEqual(['ignore-file-path']);
    const baseline = applySuppressions([finding(c, ['src/z.py'])], { secretHashes: new Set(), pathRules: [], baselineHashes: new Set([c]), decisions: [], asOf: ASOF });
    expect(baseline.ignored.map((f) => f.suppressed)).toEqual(['baseline']);
  });

  it('paths are matched relative to the root, "./" and a trailing slash included', () => {
    const none = { secretHashes: new Set<string>(), baselineHashes: new Set<string>(), decisions: [], asOf: ASOF };
    const top = parseIgnoreFile('a.env\n', '.').pathRule!;
    expect(applySuppressions([finding('f'.repeat(64), ['./a.env'])], { ...none, pathRules: [top] }).ignored).toHaveLength(1);
    const slash = parseIgnoreFile('a.env\n', 'sub/').pathRule!;
    expect(applySuppressions([finding('f'.repeat(64), ['sub/a.env'])], { ...none, pathRules: [slash] }).ignored).toHaveLength(1);
    expect(applySuppressions([finding('f'.repeat(64), ['subx/a.env', 'a.env'])], { ...none, pathRules: [slash] }).ignored).toHaveLength(0);
    const bare = parseIgnoreFile('*.env\n', 'sub').pathRule!;
    expect(applySuppressions([finding('f'.repeat(64), ['subx/a.env'])], { ...none, pathRules: [bare] }).ignored).toHaveLength(0);
    const anchored = parseIgnoreFile('/a.env\n', 'sub').pathRule!;
    expect(applySuppressions([finding('f'.repeat(64), ['sub/a.env'])], { ...none, pathRules: [anchored] }).ignored).toHaveLength(1);
    expect(applySuppressions([finding('f'.repeat(64), ['sub/deeper/a.env'])], { ...none, pathRules: [anchored] }).ignored).toHaveLength(0);
    const first = applySuppressions([finding('f'.repeat(64), [])], { ...none, pathRules: [slash] });
    expect(first.reported).toHaveLength(1);
  });

  it('a baseline refuses a hash with trailing or leading junk', () => {
    const a = 'a'.repeat(64);
    expect(parseBaseline(JSON.stringify({ schemaVersion: 1, findings: [{ secretSha256: `${a}x` }, { secretSha256: `x${a}` }, { secretSha256: 5 }] }), 'b')).toEqual(new Set());
    expect(parseBaseline(JSON.stringify({ schemaVersion: 1, findings: [], ignored: 'not a list' }), 'b')).toEqual(new Set());
    expect(parseBaseline(JSON.stringify({ schemaVersion: 1, findings: [{ secretSha256: ['a'.repeat(64)] }] }), 'b')).toEqual(new Set());
    const error = (() => {
      try {
        parseBaseline('{', 'b.json');
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    expect(error?.cause).toBeInstanceOf(SyntaxError);
    const ignored = parseIgnoreFile(`${'a'.repeat(64)}x\nx${'a'.repeat(64)}\n`, '');
    expect(ignored.secretHashes).toEqual([]);
    expect(ignored.pathRule!.matcher.ignores(`${'a'.repeat(64)}x`)).toBe(true);
    expect(parseIgnoreFile('../outside.env\n', '').pathRule!.matcher.ignores('../outside.env')).toBe(true);
  });

  it('path globs from an ignore file apply under its own root only', () => {
    const rule = parseIgnoreFile('*.env\n', 'sub').pathRule!;
    const split = applySuppressions([finding('d'.repeat(64), ['sub/a.env']), finding('e'.repeat(64), ['other/a.env'])], { secretHashes: new Set(), pathRules: [rule], baselineHashes: new Set(), decisions: [], asOf: ASOF });
    expect(split.ignored.map((f) => f.secretSha256)).toEqual(['d'.repeat(64)]);
    expect(split.reported.map((f) => f.secretSha256)).toEqual(['e'.repeat(64)]);
  });
});
