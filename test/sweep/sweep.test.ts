import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, git, initRepo } from '../../fixtures/git-fixture.js';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { secretSha256 } from '../../src/detect/identity.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const rng = seededRng(92);

type SweepJson = {
  findings: Array<{ secretSha256: string; locations: Array<{ repo: string; path: string | null }> }>;
  ignored?: Array<{ secretSha256: string; suppressed: string }>;
  repositories: Array<{ repository: string; status: string; reason: string | null; scope: string | null; findings: number; problems: Array<{ code: string }> }>;
};

async function fleet() {
  const root = await tempDir('keysweep-fleet-');
  const keys = { a: fakeKey('project-v2', rng), remote: fakeKey('admin', rng), allowed: fakeKey('legacy', rng) };
  const a = join(root, 'a');
  await initRepo(a);
  await commit(a, { 'a.env': `K=${keys.a}\n` }, 'a', 1);
  await commit(a, { 'a.env': null }, 'remove', 2);
  const b = join(root, 'b');
  await initRepo(b);
  await commit(b, { 'b.txt': 'clean\n', 'test.py': `K = "${keys.allowed}"  # keysweep:allow\n` }, 'b', 1);
  const c = join(root, 'c');
  await initRepo(c);
  await commit(c, { 'c.txt': 'c\n', 'd.txt': 'd\n' }, 'c', 1);
  const missing = git(c, ['rev-parse', 'HEAD:d.txt']).trim();
  await rm(join(c, '.git', 'objects', missing.slice(0, 2), missing.slice(2)));
  const origin = join(root, 'origin');
  await initRepo(origin);
  await commit(origin, { 'deploy.env': `ADMIN=${keys.remote}\n` }, 'remote', 1);
  const list = join(root, 'repos.txt');
  await writeFile(list, `# the fleet\n${a}\nb\n${c}\n${join(root, 'nope')}\nfile://${origin}\n`);
  return { root, a, b, c, origin, list, keys, missing };
}

const sweep = async (root: string, args: string[]) => {
  const run = await runCli(['sweep', '--format', 'json', '--cache-dir', join(root, 'cache'), ...args], { cwd: root });
  return { ...run, report: (run.stdout ? JSON.parse(run.stdout) : null) as SweepJson };
};

describe('keysweep sweep over real repositories', () => {
  it('sweeps paths and a mirrored URL, records every failure with its reason, and never stores a key', async () => {
    const { root, list, keys, c, missing } = await fleet();
    const { code, report, stderr } = await sweep(root, ['--repos', list]);
    expect(code, stderr).toBe(1);
    expect(report.findings.map((f) => f.secretSha256).sort()).toEqual([secretSha256(keys.a), secretSha256(keys.remote)].sort());
    const status = Object.fromEntries(report.repositories.map((r) => [r.repository.split('/').pop(), r.status]));
    expect(status).toEqual({ a: 'scanned', b: 'scanned', c: 'scanned', nope: 'failed', origin: 'scanned' });
    const corrupt = report.repositories.find((r) => r.repository === c)!;
    expect(corrupt.problems.map((p) => p.code)).toContain('MISSING_OBJECT');
    expect(report.repositories.find((r) => r.repository.endsWith('nope'))!.reason).toContain('does not exist');
    // b's own keysweep:allow is its claim: kept and shown as ignored, reported open with --strict.
    expect(report.ignored ?? []).toEqual([]);
    // The corrupt repository recorded no tips: the next sweep reads it whole again, it is never "unchanged".
    const next = await sweep(root, ['--repos', list]);
    expect(next.report.repositories.find((r) => r.repository === c)!.status).toBe('scanned');
    // A repository that fails now still shows the keys stored for it.
    expect(next.report.findings.map((f) => f.secretSha256)).toContain(secretSha256(keys.a));
    const shown = await sweep(root, ['--repos', list, '--show-ignored']);
    expect(shown.report.ignored!.map((f) => [f.secretSha256, f.suppressed])).toEqual([[secretSha256(keys.allowed), 'allow-comment']]);
    const strict = await sweep(root, ['--repos', list, '--strict']);
    expect(strict.report.findings.map((f) => f.secretSha256)).toContain(secretSha256(keys.allowed));
    const db = Buffer.concat(await Promise.all(['sweep.db', 'sweep.db-wal'].map((f) => readFile(join(root, 'cache', f)).catch(() => Buffer.alloc(0)))));
    for (const key of Object.values(keys)) expect(db.includes(Buffer.from(key)), 'the store holds a key').toBe(false);
    expect(db.includes(Buffer.from(secretSha256(keys.a)))).toBe(true);
    expect(missing).toMatch(/^[0-9a-f]{40}$/);
    // A past sweep renders again from the store alone, the same findings, without rescanning.
    const again = await runCli(['report', '--store', join(root, 'cache', 'sweep.db'), '--sweep', '1', '--format', 'json'], { cwd: root });
    expect(again.code).toBe(1);
    const stored = JSON.parse(again.stdout) as SweepJson;
    expect(stored.findings.map((f) => f.secretSha256)).toEqual(report.findings.map((f) => f.secretSha256));
    expect(stored.repositories).toEqual(report.repositories);
    expect((await runCli(['report', '--store', join(root, 'nope.db')], { cwd: root })).code).toBe(2);
  });

  it('re-sweeps only what is new, reports a key first seen now with --new-only, and --full rescans', async () => {
    const { root, list, b, keys } = await fleet();
    expect((await sweep(root, ['--repos', list])).code).toBe(1);
    const again = await sweep(root, ['--repos', list]);
    const statusOf = (report: SweepJson, name: string) => report.repositories.find((r) => r.repository.endsWith(`/${name}`))!;
    expect(statusOf(again.report, 'a').status).toBe('unchanged');
    expect(statusOf(again.report, 'a').findings).toBe(1);
    expect(again.report.findings.map((f) => f.secretSha256)).toContain(secretSha256(keys.a));
    const fresh = fakeKey('svcacct-v2', rng);
    await commit(b, { 'new.env': `K=${fresh}\n` }, 'new key', 3);
    const third = await sweep(root, ['--repos', list]);
    expect(statusOf(third.report, 'b')).toMatchObject({ status: 'scanned', scope: 'new since the last sweep' });
    expect(third.report.findings.map((f) => f.secretSha256)).toContain(secretSha256(fresh));
    await commit(b, { 'newer.env': `K=${fakeKey('none', rng)}\n` }, 'another', 4);
    const newOnly = await sweep(root, ['--repos', list, '--new-only']);
    expect(newOnly.report.findings).toHaveLength(1);
    expect(newOnly.report.findings[0]!.secretSha256).not.toBe(secretSha256(fresh));
    const full = await sweep(root, ['--repos', list, '--full']);
    expect(statusOf(full.report, 'a')).toMatchObject({ status: 'scanned', scope: 'all refs' });
  });

  it('three shards cover every repository exactly once, and together find what one sweep finds', async () => {
    const { root, list } = await fleet();
    const single = await sweep(root, ['--repos', list, '--store', join(root, 'single.db')]);
    const shards = [];
    for (const i of [1, 2, 3]) shards.push(await sweep(root, ['--repos', list, '--shard', `${i}/3`, '--store', join(root, `shard${i}.db`)]));
    // keysweep merge: the three shard reports combined equal the single sweep's findings and repositories.
    for (const [i, s] of shards.entries()) await writeFile(join(root, `shard${i + 1}.json`), s.stdout);
    const merged = await runCli(['merge', 'shard1.json', 'shard2.json', 'shard3.json'], { cwd: root });
    expect(merged.code).toBe(single.code);
    const m = JSON.parse(merged.stdout) as SweepJson;
    expect(m.findings.map((f) => f.secretSha256)).toEqual(single.report.findings.map((f) => f.secretSha256).sort());
    expect(m.findings.map((f) => f.locations.length).reduce((a, b) => a + b, 0)).toBe(single.report.findings.map((f) => f.locations.length).reduce((a, b) => a + b, 0));
    expect(m.repositories.map((r) => [r.repository, r.status])).toEqual(single.report.repositories.map((r) => [r.repository, r.status]).sort((a, b) => (a[0]! < b[0]! ? -1 : 1)));
    // The same from the shards' stores.
    const fromStores = await runCli(['merge', '--store', 'shard1.db', '--store', 'shard2.db', '--store', 'shard3.db'], { cwd: root });
    expect((JSON.parse(fromStores.stdout) as SweepJson).findings.map((f) => f.secretSha256)).toEqual(m.findings.map((f) => f.secretSha256));
    expect((JSON.parse(fromStores.stdout) as SweepJson).repositories.map((r) => r.repository)).toEqual(m.repositories.map((r) => r.repository));
    const twice = await runCli(['merge', 'shard1.json', 'shard1.json'], { cwd: root });
    expect(JSON.parse(twice.stdout).findings).toEqual(JSON.parse((await runCli(['merge', 'shard1.json'], { cwd: root })).stdout).findings);
    const repos = shards.flatMap((s) => s.report?.repositories.map((r) => r.repository) ?? []);
    expect(repos.sort()).toEqual(single.report.repositories.map((r) => r.repository).sort());
    const found = new Set(shards.flatMap((s) => s.report?.findings.map((f) => f.secretSha256) ?? []));
    expect([...found].sort()).toEqual(single.report.findings.map((f) => f.secretSha256).sort());
    expect((await runCli(['sweep', '--repos', list, '--shard', '4/3'], { cwd: root })).code).toBe(2);
  });

  it('refuses a list with a remote helper, discovers repositories under a directory, and exits 3 when only failures remain', async () => {
    const { root, a, b } = await fleet();
    const hostile = join(root, 'hostile.txt');
    await writeFile(hostile, `${a}\next::sh -c touch% ${join(root, 'PWNED')}\n`);
    const refused = await runCli(['sweep', '--repos', hostile, '--cache-dir', join(root, 'cache')], { cwd: root });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('remote helpers are refused');
    const discovered = await sweep(root, ['--discover', root, '--store', join(root, 'd.db')]);
    expect(discovered.report.repositories.map((r) => r.repository).sort()).toEqual([a, b, join(root, 'c'), join(root, 'origin')].sort());
    const onlyBroken = join(root, 'broken.txt');
    await writeFile(onlyBroken, `${join(root, 'nope')}\n${b}\n`);
    const broken = await sweep(root, ['--repos', onlyBroken, '--store', join(root, 'b.db')]);
    expect(broken.code).toBe(3);
    const text = await runCli(['sweep', '--repos', onlyBroken, '--store', join(root, 'b2.db'), '--cache-dir', join(root, 'cache'), '--quiet'], { cwd: root });
    expect(text.code).toBe(3);
    expect(text.stderr).toBe('');
    expect(text.stdout).toMatch(/Repositories \(2\):/);
    expect(text.stdout).toMatch(/nope\s+FAILED/);
  });

  it('a repository whose committed .keysweepignore is too large to read is swept, not failed: its keys stay open and the reason is shown', async () => {
    const root = await tempDir('keysweep-fleet-');
    const repo = join(root, 'big-ignore');
    await initRepo(repo);
    const key = fakeKey('project-v2', rng);
    await writeFile(join(repo, '.keysweepignore'), `${secretSha256(key)}\n${'#'.repeat(17 * 1024 * 1024)}\n`);
    await commit(repo, { 'a.env': `K=${key}\n` }, 'a', 1);
    const { code, report, stderr } = await sweep(root, ['--discover', root]);
    expect(code, stderr).toBe(1);
    expect(report.findings.map((f) => f.secretSha256)).toEqual([secretSha256(key)]);
    expect(report.repositories.map((r) => [r.status, r.problems.map((p) => p.code)])).toEqual([['scanned', ['SUPPRESSIONS_NOT_READ']]]);
  });
});
