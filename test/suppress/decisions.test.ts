import { describe, expect, it } from 'vitest';
import type { Decision, Finding, Location } from '../../src/core/types.js';
import { secretOf } from '../../src/core/secret.js';
import { applyDecisions, reconsiderAfterVerification } from '../../src/suppress/apply-decisions.js';
import { applySuppressions } from '../../src/suppress/apply-suppressions.js';
import { formatDecisionLine, parseDecisionLine } from '../../src/suppress/decision-line.js';
import { parseIgnoreFile } from '../../src/suppress/ignore-file.js';
import { noSuppressions } from '../../src/suppress/suppressions.js';
import { upsertDecisions } from '../../src/suppress/upsert-decisions.js';

const [A, B, C] = ['a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64)];
const AT = '2026-11-27T10:00:00.000Z';
const decision = (over: Partial<Decision> = {}): Decision => ({ sha256: A, kind: 'false-positive', reason: 'a test string', by: 'Ann Lee <ann@example.com>', at: AT, until: null, path: null, ...over });
const location = (path: string): Location => ({ source: 'file', path, line: 1, column: 1, offset: 0, blobId: 'f'.repeat(40) });
const finding = (sha: string, paths: string[], extra: Partial<Finding> = {}): Finding => ({
  id: `ks-${sha.slice(0, 16)}`, secretSha256: sha, ruleId: 'r', keyType: 'project', format: 'project', formatName: 'p', confidence: 'high', redacted: 'sk-…', secret: secretOf(''),
  locations: paths.map(location), remediation: { revokeUrl: 'u', apiRevocation: null, steps: [] }, ...extra,
});
const entries = (...ds: Decision[]) => ds.map((d) => ({ decision: d, root: '' }));

describe('decision lines in .keysweepignore', () => {
  it('round-trip every field, and a hand-written line reads the same', () => {
    const d = decision({ kind: 'accepted-risk', until: '2027-01-31', path: 'tests/**', reason: 'demo key: rotated monthly, see #12' });
    const line = formatDecisionLine(d);
    expect(line).toBe(`${A} accepted-risk path=tests/** until=2027-01-31 # Ann Lee <ann@example.com>, ${AT}: demo key: rotated monthly, see #12`);
    expect(parseDecisionLine(line)).toEqual(d);
    expect(parseDecisionLine(`${B}   revoked   #  Bo, 2026-01-02T03:04:05Z:rotated`)).toEqual(decision({ sha256: B, kind: 'revoked', by: 'Bo', at: '2026-01-02T03:04:05Z', reason: 'rotated' }));
  });

  it('a line that starts like a decision but is not one is an error, never a glob or a silent skip', () => {
    expect(parseDecisionLine(`${A} false-positive`)).toMatch(/needs "# who, when: why"/);
    expect(parseDecisionLine(`${A} maybe # x, ${AT}: y`)).toMatch(/unknown decision "maybe"/);
    expect(parseDecisionLine(`${A} accepted-risk until=tomorrow # x, ${AT}: y`)).toMatch(/until= takes a date/);
    expect(parseDecisionLine(`${A} revoked until=2027-01-01 # x, ${AT}: y`)).toMatch(/accepted-risk only/);
    expect(parseDecisionLine('tests/**')).toBeNull();
    const file = parseIgnoreFile(`# comment\n${B}\nfixtures/**\n${formatDecisionLine(decision())}\n${A} nonsense\n`, '');
    expect(file.secretHashes).toEqual([B]);
    expect(file.decisions).toEqual([decision()]);
    expect(file.errors).toEqual(['line 5: a decision needs "# who, when: why" after "nonsense"']);
    expect(file.pathRule?.matcher.ignores('fixtures/x')).toBe(true);
  });

  it('formatting strips line breaks and control characters from who and why, so a decision stays one line', () => {
    const line = formatDecisionLine(decision({ reason: 'one\ntwo\r\u001b[31mred\u202e', by: 'Eve\n' }));
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toMatch(/# Eve, .*: one two \[31mred$/);
  });

  it('are upserted in place or in hash order, every other line kept as it was', () => {
    const start = `# team file\n${formatDecisionLine(decision({ sha256: A }))}\ntests/**\n${formatDecisionLine(decision({ sha256: C }))}\n`;
    const next = upsertDecisions(start, [decision({ sha256: B, kind: 'revoked' }), decision({ sha256: A, kind: 'used-in-tests' })]);
    expect(next.split('\n')).toEqual([
      '# team file',
      formatDecisionLine(decision({ sha256: A, kind: 'used-in-tests' })),
      'tests/**',
      formatDecisionLine(decision({ sha256: B, kind: 'revoked' })),
      formatDecisionLine(decision({ sha256: C })),
      '',
    ]);
    // A path-scoped decision is its own line beside the whole-key one.
    const scoped = upsertDecisions(next, [decision({ sha256: A, path: 'docs/**' })]);
    expect(scoped.split('\n').filter((l) => l.startsWith(A))).toHaveLength(2);
    expect(upsertDecisions('', [decision()])).toBe(`${formatDecisionLine(decision())}\n`);
  });
});

describe('decision lines, the details', () => {
  it('upserts take a first decision back out (undo), keep unrelated lines, and keep a path-scoped line apart from the whole-key one', () => {
    const whole = decision();
    const scoped = decision({ path: 'docs/**', kind: 'used-in-tests' });
    const text = `# keep me\n${formatDecisionLine(whole)}\n${formatDecisionLine(scoped)}\nbuild/**\n${B} nonsense\n`;
    expect(upsertDecisions(text, [], [{ sha256: A, path: null }])).toBe(`# keep me\n${formatDecisionLine(scoped)}\nbuild/**\n${B} nonsense\n`);
    expect(upsertDecisions(text, [], [{ sha256: A, path: 'docs/**' }])).toBe(`# keep me\n${formatDecisionLine(whole)}\nbuild/**\n${B} nonsense\n`);
    expect(upsertDecisions(`${formatDecisionLine(whole)}\n`, [], [{ sha256: A, path: null }])).toBe('');
    // A new decision between two others goes before the first larger one; one past the last goes at the end.
    const ac = `${formatDecisionLine(decision({ sha256: A }))}\n${formatDecisionLine(decision({ sha256: C }))}\n`;
    expect(upsertDecisions(ac, [decision({ sha256: B })]).split('\n').map((l) => l.slice(0, 1))).toEqual(['a', 'b', 'c', '']);
    expect(upsertDecisions(`${formatDecisionLine(decision({ sha256: A }))}\n`, [decision({ sha256: C })]).split('\n').map((l) => l.slice(0, 1))).toEqual(['a', 'c', '']);
    expect(upsertDecisions(`${formatDecisionLine(decision({ sha256: C }))}\n`, [decision({ sha256: A })]).split('\n').map((l) => l.slice(0, 1))).toEqual(['a', 'c', '']);
    // Replacing in place does not move the line, even when its scope sorts elsewhere.
    expect(upsertDecisions(`x\n${formatDecisionLine(whole)}\ny\n`, [decision({ kind: 'revoked' })])).toBe(`x\n${formatDecisionLine(decision({ kind: 'revoked' }))}\ny\n`);
    // A line indented or with CRLF endings is still the same decision.
    expect(upsertDecisions(`  ${formatDecisionLine(whole)}\r\n`, [decision({ kind: 'revoked' })])).toBe(`${formatDecisionLine(decision({ kind: 'revoked' }))}\n`);
  });

  it('parsing is exact about where a decision line starts, its options and its comment', () => {
    expect(parseDecisionLine(`x${A} revoked # a, ${AT}: b`)).toBeNull();
    expect(parseDecisionLine(`${A} revoked\tpath=src/**\t# a, ${AT}: b`)).toMatchObject({ path: 'src/**' });
    expect(parseDecisionLine(`${A} revoked # Ann,  ${AT}:  spaced  reason `)).toMatchObject({ by: 'Ann', reason: 'spaced  reason' });
    expect(parseDecisionLine(`${A} revoked #Ann, ${AT}:b`)).toMatchObject({ by: 'Ann', reason: 'b' });
    expect(parseDecisionLine(`${A.toUpperCase()} revoked # a, ${AT}: b`)).toMatchObject({ sha256: A });
    expect(parseDecisionLine(`${A} revoked path=a path=b # a, ${AT}: b`)).toMatchObject({ path: 'b' });
    expect(parseDecisionLine(`${A}revoked # a, ${AT}: b`)).toBeNull();
    expect(formatDecisionLine(decision({ until: '2027-01-01', kind: 'accepted-risk' }))).toBe(`${A} accepted-risk until=2027-01-01 # Ann Lee <ann@example.com>, ${AT}: a test string`);
    expect(formatDecisionLine(decision({ reason: 'a  \t b' }))).toMatch(/: a b$/);
  });

  it('credentials for clones: the header is scoped to the origin and redirects are off', async () => {
    const { credentialEnvironment } = await import('../../src/sweep/clone-credentials.js');
    expect(credentialEnvironment('https://github.com', 'tok')).toEqual({
      GIT_CONFIG_COUNT: '2',
      GIT_CONFIG_KEY_0: 'http.https://github.com/.extraHeader',
      GIT_CONFIG_VALUE_0: `Authorization: Basic ${Buffer.from('x-access-token:tok').toString('base64')}`,
      GIT_CONFIG_KEY_1: 'http.followRedirects',
      GIT_CONFIG_VALUE_1: 'false',
    });
  });
});

describe('decisions applied to findings', () => {
  it('a whole-key decision closes the finding; the latest decision for a scope stands', () => {
    const split = applySuppressions([finding(A, ['a.env']), finding(B, ['b.env'])], { ...noSuppressions(AT), decisions: entries(decision({ kind: 'revoked', at: '2026-01-01T00:00:00Z' }), decision()) });
    expect(split.ignored.map((f) => [f.secretSha256, f.suppressed, f.decision?.kind, f.decision?.state])).toEqual([[A, 'decision', 'false-positive', 'active']]);
    expect(split.reported.map((f) => f.secretSha256)).toEqual([B]);
  });

  it('of two decisions made at the same moment the later one in the file stands; only a revoked key that answers live is reopened', () => {
    expect(applyDecisions(finding(A, ['a']), entries(decision({ kind: 'revoked' }), decision({ kind: 'used-in-tests' })), AT).decision?.kind).toBe('used-in-tests');
    expect(applyDecisions(finding(A, ['a']), entries(decision({ kind: 'used-in-tests' }), decision({ kind: 'revoked', at: '2026-01-01T00:00:00Z' })), AT).decision?.kind).toBe('used-in-tests');
    const live = { status: 'live' as const, permission: null, detail: 'HTTP 200', checkedAt: AT };
    const closed = (kind: Decision['kind'], status: 'live' | 'unknown') => ({ ...finding(A, ['a']), suppressed: 'decision' as const, decision: { ...decision({ kind }), state: 'active' as const }, verification: { ...live, status } });
    expect(reconsiderAfterVerification({ findings: [], ignored: [closed('false-positive', 'live')] }).findings).toEqual([]);
    expect(reconsiderAfterVerification({ findings: [], ignored: [closed('revoked', 'unknown')] }).findings).toEqual([]);
    const reopened = reconsiderAfterVerification({ findings: [], ignored: [{ ...closed('revoked', 'live'), locations: [{ ...location('a'), suppressed: 'decision' as const }, { ...location('b'), suppressed: 'allow-comment' as const }] }] });
    expect(reopened.findings[0]!.locations.map((l) => l.suppressed)).toEqual([undefined, 'allow-comment']);
    expect(reconsiderAfterVerification({ findings: [], ignored: [{ ...finding(A, ['a']), suppressed: 'baseline' as const, verification: live }] }).ignored).toHaveLength(1);
  });

  it('a location already suppressed keeps its own reason; a finding with no decision comes back unchanged', () => {
    const f = finding(A, ['tests/a.env']);
    const allowed = { ...f, locations: [{ ...f.locations[0]!, suppressed: 'allow-comment' as const }] };
    expect(applyDecisions(allowed, entries(decision({ path: 'tests/**' })), AT).locations[0]!.suppressed).toBe('allow-comment');
    const none = finding(B, ['b']);
    expect(applyDecisions(none, entries(decision()), AT)).toBe(none);
    // A path-scoped decision that has run out closes nothing.
    const ran = applyDecisions(f, entries(decision({ path: 'tests/**', kind: 'accepted-risk', until: '2026-01-01' })), AT);
    expect([ran.locations[0]!.suppressed, ran.decision?.state]).toEqual([undefined, 'expired']);
    // A message location (no path) is never under a glob.
    const message = { ...f, locations: [{ ...f.locations[0]!, path: null } as unknown as Location] };
    expect(applyDecisions(message, entries(decision({ path: '**' })), AT).locations[0]!.suppressed).toBeUndefined();
  });

  it('a path-scoped decision closes only the locations under its glob', () => {
    const split = applySuppressions([finding(A, ['tests/a.env', 'src/b.env']), finding(C, ['tests/c.env'])], {
      ...noSuppressions(AT),
      decisions: entries(decision({ path: 'tests/**' }), decision({ sha256: C, path: 'tests/**' })),
    });
    expect(split.reported.map((f) => [f.secretSha256, f.locations.map((l) => l.suppressed ?? null)])).toEqual([[A, ['decision', null]]]);
    expect(split.ignored.map((f) => [f.secretSha256, f.suppressed])).toEqual([[C, 'decision']]);
  });

  it('an accepted risk holds through its last day and reopens after it, whatever else would hide the key', () => {
    const risk = decision({ kind: 'accepted-risk', until: '2026-11-27' });
    expect(applyDecisions(finding(A, ['a']), entries(risk), '2026-11-27T23:59:59Z').decision?.state).toBe('active');
    const later = { ...noSuppressions('2026-11-28T00:00:00Z'), secretHashes: new Set([A]), decisions: entries(risk) };
    const split = applySuppressions([finding(A, ['a'])], later);
    expect(split.reported.map((f) => [f.secretSha256, f.decision?.state])).toEqual([[A, 'expired']]);
    expect(split.ignored).toEqual([]);
  });

  it('a key decided revoked that verifies live is reopened; one that answers revoked stays closed', () => {
    const revoked = entries(decision({ kind: 'revoked' }));
    const live = { status: 'live' as const, permission: null, detail: 'HTTP 200', checkedAt: AT };
    expect(applyDecisions(finding(A, ['a'], { verification: live }), revoked, AT).decision?.state).toBe('contradicted');
    const split = applySuppressions([finding(A, ['a']), finding(B, ['b'])], { ...noSuppressions(AT), decisions: [...revoked, ...entries(decision({ sha256: B, kind: 'revoked' }))] });
    expect(split.ignored).toHaveLength(2);
    const after = reconsiderAfterVerification({ findings: [], ignored: split.ignored.map((f) => (f.secretSha256 === A ? { ...f, verification: live } : { ...f, verification: { ...live, status: 'revoked' as const } })) });
    expect(after.findings.map((f) => [f.secretSha256, f.suppressed, f.decision?.state])).toEqual([[A, undefined, 'contradicted']]);
    expect(after.ignored.map((f) => f.secretSha256)).toEqual([B]);
  });
});
