import { describe, expect, it } from 'vitest';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { mergeReports } from '../../src/app/merge-reports.js';
import { loadBuiltinRules } from '../../src/rules/load-rules.js';

const rng = seededRng(301);
const prefixes = loadBuiltinRules().redactionPrefixes;
const SHA = 'c'.repeat(64);
const report = (findings: unknown[], extra: Record<string, unknown> = {}) => ({ name: 'r.json', text: JSON.stringify({ schemaVersion: 1, findings, ...extra }) });

describe('merge of untrusted shard reports', () => {
  it('redacts a key hidden in any field of a crafted report: redacted form, path, problem, repository', () => {
    const key = fakeKey('project-v2', rng);
    const merged = mergeReports(
      [
        report([{ secretSha256: SHA, redacted: key, note: `see ${key}`, locations: [{ source: 'file', path: `dir/${key}.env`, offset: 0 }] }], {
          problems: [{ path: 'x', reason: `failed near ${key}`, code: 'X' }],
          repositories: [{ repository: `https://h/${key}`, status: 'scanned' }],
        }),
      ],
      prefixes,
    );
    const text = JSON.stringify(merged);
    expect(text).not.toContain(key);
    expect(text).not.toContain(key.slice(12, -4));
    expect(merged.findings[0]!.redacted).toMatch(/^sk-proj-.{4}….{4}$/);
    expect(merged.findings.map((f) => f.secretSha256)).toEqual([SHA]);
  });

  it('keeps each location once across shards, however many there are', () => {
    const many = Array.from({ length: 20000 }, (_, i) => ({ source: 'file', path: `f${i}.env`, offset: i }));
    const merged = mergeReports([report([{ secretSha256: SHA, locations: many }]), report([{ secretSha256: SHA, locations: [...many].reverse() }]), report([{ secretSha256: SHA, locations: [{ source: 'file', path: 'new.env', offset: 1 }] }])], prefixes);
    expect(merged.findings).toHaveLength(1);
    expect(merged.findings[0]!.locations).toHaveLength(20001);
    expect(merged.findings[0]!.locations[0]).toEqual({ source: 'file', path: 'f0.env', offset: 0 });
    expect(merged.findings[0]!.locations[20000]).toEqual({ source: 'file', path: 'new.env', offset: 1 });
  });

  it('refuses a report that carries full keys, and one that is not a keysweep report', () => {
    expect(() => mergeReports([report([{ secretSha256: SHA, secret: 'x', locations: [] }])], prefixes)).toThrow(/holds full keys/);
    expect(() => mergeReports([{ name: 'bad.json', text: '{"schemaVersion":2,"findings":[]}' }], prefixes)).toThrow(/bad.json is not a keysweep JSON report/);
    expect(() => mergeReports([{ name: 'deep.json', text: `${'['.repeat(200000)}${']'.repeat(200000)}` }], prefixes)).toThrow(/deep.json/);
  });
});
