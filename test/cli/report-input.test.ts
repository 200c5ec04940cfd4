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
    expect(f!.locations).toEqual([{ source: 'git', objectType: 'blob', path: null, line: null, column: null, offset: 0, blobId: '', repo: 'r', inHead: false, introduced: null, unreachable: false }]);
  });

  it('keeps only the counters of stats and well-typed problems', () => {
    const report = parse([], { stats: { filesScanned: 3, bytesScanned: -1, git: { repo: '\u001b[2J' }, durationMs: 'x' }, problems: [{ path: 'p', reason: 'r', code: 'A\u001bB' }, { path: 1 }] });
    expect(report.stats).toEqual({ filesScanned: 3, bytesScanned: 0, skipped: {}, findings: 0, ignoredFindings: 0, problems: 0, durationMs: 0 });
    expect(report.problems).toEqual([{ path: 'p', reason: 'r', code: 'AB' }]);
  });
});
