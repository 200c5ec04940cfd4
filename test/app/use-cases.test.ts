import { describe, expect, it } from 'vitest';
import { commit, git, initRepo } from '../../fixtures/git-fixture.js';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import type { ProgressEvent } from '../../src/app/progress.js';
import { scanHistory } from '../../src/app/scan-history.js';
import { scanPaths } from '../../src/app/scan-paths.js';
import { reveal } from '../../src/core/secret.js';
import { loadBuiltinRules } from '../../src/rules/load-rules.js';
import { tempDir, writeTree } from '../helpers/temp-dir.js';

const rng = seededRng(90);
const NO_FILES = { baseline: null, ignoreFile: null };

describe('the application layer, called as the sweep and the triage UI will call it', () => {
  it('scanHistory returns typed results and reports progress: plan, then scan counts that only grow, ending at the totals', async () => {
    const repo = await tempDir();
    await initRepo(repo);
    const key = fakeKey('admin', rng);
    for (let i = 0; i < 70; i++) await commit(repo, { [`f${i}.txt`]: `file ${i}\n`, ...(i === 30 ? { 'k.env': `K=${key}\n` } : {}) }, `c${i}`, i);
    const events: ProgressEvent[] = [];
    // With git as the reader every object is read and scanned, so the scan counts have a way to go.
    const scan = await scanHistory({ repo, scope: { kind: 'all' }, maxFileSize: 1 << 20, trustOwner: false, suppression: NO_FILES, rules: loadBuiltinRules(), read: { reader: 'git' } }, { cwd: repo, env: process.env }, (e) => events.push(e));
    expect(scan.incomplete).toBeNull();
    expect(scan.result.outcome).toBe('scanned');
    expect(scan.result.findings.map((f) => reveal(f.secret))).toEqual([key]);
    expect(events[0]).toEqual({ phase: 'plan', done: 0, total: null, bytes: 0, findings: 0 });
    const scanning = events.filter((e) => e.phase === 'scan');
    expect(scanning.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < scanning.length; i++) {
      expect(scanning[i]!.done).toBeGreaterThanOrEqual(scanning[i - 1]!.done);
      expect(scanning[i]!.bytes).toBeGreaterThanOrEqual(scanning[i - 1]!.bytes);
    }
    const last = scanning.at(-1)!;
    expect(last.done).toBe(scan.result.stats.filesScanned);
    expect(events.some((e) => e.phase === 'packs')).toBe(false);
    expect(last.bytes).toBe(scan.result.stats.bytesScanned);
    expect(last.findings).toBe(1);
  });

  it('a history read from packs reports how far through them it is, ending at their entry count', async () => {
    const repo = await tempDir();
    await initRepo(repo);
    const key = fakeKey('project-v2', rng);
    for (let i = 0; i < 30; i++) await commit(repo, { [`f${i % 7}.txt`]: `file ${i}\n`.repeat(30), ...(i === 12 ? { 'k.env': `K=${key}\n` } : {}) }, `c${i}`, i);
    git(repo, ['repack', '-a', '-d', '-q']);
    const entries = git(repo, ['count-objects', '-v']).match(/^in-pack: (\d+)$/m)![1]!;
    const events: ProgressEvent[] = [];
    const scan = await scanHistory({ repo, scope: { kind: 'all' }, maxFileSize: 1 << 20, trustOwner: false, suppression: NO_FILES, rules: loadBuiltinRules() }, { cwd: repo, env: process.env }, (e) => events.push(e));
    expect(scan.result.findings.map((f) => reveal(f.secret))).toEqual([key]);
    const packs = events.filter((e) => e.phase === 'packs');
    expect(packs.at(-1)).toEqual({ phase: 'packs', done: Number(entries), total: Number(entries), bytes: 0, findings: 0 });
    // Pack progress comes before the scan of what the packs flagged.
    expect(events.findIndex((e) => e.phase === 'packs')).toBeLessThan(events.findIndex((e) => e.phase === 'scan'));
  });

  it('scanPaths never prints: everything comes back in the result, and nothing scanned is an error', async () => {
    const root = await tempDir();
    const key = fakeKey('legacy', rng);
    await writeTree(root, { 'a.env': `K=${key}\n` });
    const writes: string[] = [];
    const original = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => (writes.push(String(chunk)), true)) as typeof process.stdout.write;
    try {
      const result = await scanPaths({ paths: ['.'], cwd: root, stdin: null, gitignore: true, maxFileSize: 1 << 20, threads: 1, suppression: NO_FILES, rules: loadBuiltinRules() });
      expect(result.findings).toHaveLength(1);
    } finally {
      process.stdout.write = original;
    }
    expect(writes).toEqual([]);
    const empty = await tempDir();
    await expect(scanPaths({ paths: ['.'], cwd: empty, stdin: null, gitignore: true, maxFileSize: 1 << 20, threads: 1, suppression: NO_FILES, rules: loadBuiltinRules() })).rejects.toThrow('nothing was scanned');
  });
});
