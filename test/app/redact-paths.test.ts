import { describe, expect, it } from 'vitest';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { redactPaths } from '../../src/app/redact-paths.js';
import type { Finding, Location, ScanResult } from '../../src/core/types.js';
import { loadBuiltinRules } from '../../src/rules/load-rules.js';

const rules = loadBuiltinRules();
const rng = seededRng(381);

describe('redactPaths: every path and text a report prints, each on its own', () => {
  it('redacts keys in file paths of findings and of ignored findings, git paths, authors, subjects, problem paths and reasons', () => {
    const key = fakeKey('project-v2', rng);
    const file: Location = { source: 'file', path: `cfg/${key}`, line: null, column: null, offset: 0, blobId: '', inName: true };
    const git: Location = {
      source: 'git', objectType: 'blob', repo: '.', path: `dir/${key}/a.env`, line: 1, column: 1, offset: 0, blobId: 'a'.repeat(40), inHead: true, unreachable: false,
      introduced: { commit: 'b'.repeat(40), author: `bot ${key}`, email: 'e@x', date: '2026-01-01', message: `add ${key}` },
    };
    const finding = { locations: [file, git] } as unknown as Finding;
    const result = {
      findings: [finding], ignored: [{ locations: [file] } as unknown as Finding],
      problems: [{ path: `x/${key}`, code: 'EACCES', reason: `cannot read ${key}` }],
      stats: { filesScanned: 1, bytesScanned: 1, skipped: {}, findings: 1, ignoredFindings: 1, problems: 1, durationMs: 1 },
    } as ScanResult;
    const safe = JSON.stringify(redactPaths(result, rules));
    expect(safe).not.toContain(key);
    const out = redactPaths(result, rules);
    expect((out.ignored[0]!.locations[0] as { path: string }).path).toMatch(/^cfg\/sk-proj-.{4}….{4}$/);
    expect(out.problems[0]!.reason).toMatch(/^cannot read sk-proj-.{4}….{4}$/);
  });
});
