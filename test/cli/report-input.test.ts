import { describe, expect, it } from 'vitest';
import { parseReport } from '../../src/app/report-input-file.js';

const SHA = 'a'.repeat(64);
const parse = (findings: unknown[], extra: Record<string, unknown> = {}) => parseReport(JSON.stringify({ schemaVersion: 1, findings, ...extra }), 'r.json');

describe('a report read back is reduced to what keysweep can check', () => {
  it('keeps the hash, a plausible secret and well-typed locations; drops everything it regenerates', () => {
    const [f] = parse([{ secretSha256: SHA, secret: 'sk-x', keyType: 'admin', id: 'evil', remediation: { revokeUrl: 'https://evil.test' }, redacted: 'sk-admin-\u001b[2Jab…cd', locations: [{ source: 'file', path: 'a', line: 2, column: 3, offset: 10, blobId: 'b'.repeat(40) }] }]).findings;
    expect(f).toEqual({ secretSha256: SHA, secret: 'sk-x', redactedHint: 'sk-admin-2Jab…cd', locations: [{ source: 'file', path: 'a', line: 2, column: 3, offset: 10, blobId: 'b'.repeat(40) }] });
  });

  it('refuses a finding without a well-formed hash, and drops malformed locations and fields', () => {
    expect(() => parse([{ secretSha256: 'A'.repeat(64), locations: [] }])).toThrow(/finding 0 is not a keysweep finding/);
    expect(() => parse([{ secretSha256: SHA }])).toThrow(/finding 0/);
    const [f] = parse([
      {
        secretSha256: SHA,
        secret: 'x'.repeat(2000),
        locations: [
          { source: 'network', offset: 0 },
          { source: 'file', offset: -1 },
          { source: 'file', offset: 1.5 },
          { source: 'git', path: 5, offset: 0, blobId: 'zz', commit: 'not-a-sha', date: 'yesterday', line: -3, objectType: 'tree', repo: 'r', inHead: 'yes' },
        ],
      },
    ]).findings;
    expect(f!.secret).toBeNull();
    expect(f!.locations).toEqual([]);
    // A git location must carry what keysweep always writes; nothing is invented for it.
    const [g] = parse([{ secretSha256: SHA, locations: [
      { source: 'git', path: 'a.env', offset: 3, blobId: 'b'.repeat(40), repo: 'r', objectType: 'blob', inHead: true, commit: 'c'.repeat(40), author: 'A', email: 'e', date: '2026-01-01T00:00:00+00:00', message: 'm' },
      { source: 'git', path: 'a.env', offset: 3, blobId: 'b'.repeat(40), objectType: 'blob', inHead: true },
      { source: 'git', path: 'a.env', offset: 3, blobId: 'b'.repeat(40), repo: 'r', inHead: true },
      { source: 'git', path: 'a.env', offset: 3, blobId: 'b'.repeat(40), repo: 'r', objectType: 'blob' },
      { source: 'git', path: 'foo.txt', offset: 3, blobId: 'b'.repeat(40), repo: 'r', objectType: 'commit', inHead: false },
      { source: 'git', path: '(commit message)', offset: 3, blobId: '', repo: 'r', objectType: 'commit', inHead: false },
      { source: 'git', path: '(commit message)', offset: 3, blobId: 'b'.repeat(40), repo: 'r', objectType: 'commit', inHead: false, commit: 'c'.repeat(40) },
      { source: 'git', path: '(tag message)', offset: 3, blobId: 'd'.repeat(40), repo: 'r', objectType: 'tag', inHead: false },
    ] }]).findings;
    expect(g!.locations).toEqual([
      { source: 'git', objectType: 'blob', path: 'a.env', line: null, column: null, offset: 3, blobId: 'b'.repeat(40), repo: 'r', inHead: true, unreachable: false, introduced: { commit: 'c'.repeat(40), author: 'A', email: 'e', date: '2026-01-01T00:00:00+00:00', message: 'm' } },
      { source: 'git', objectType: 'tag', path: null, line: null, column: null, offset: 3, blobId: 'd'.repeat(40), repo: 'r', inHead: false },
    ]);
  });

  it('keeps only the counters of stats and well-typed problems', () => {
    const report = parse([], { stats: { filesScanned: 3, bytesScanned: -1, git: { repo: '\u001b[2J' }, durationMs: 'x' }, problems: [{ path: 'p', reason: 'r', code: 'A\u001bB' }, { path: 1 }] });
    expect(report.stats).toEqual({ filesScanned: 3, bytesScanned: 0, skipped: {}, findings: 0, ignoredFindings: 0, problems: 0, durationMs: 0 });
    expect(report.problems).toEqual([{ path: 'p', reason: 'r', code: 'AB' }]);
  });
});
