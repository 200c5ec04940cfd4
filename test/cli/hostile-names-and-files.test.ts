import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstat, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, git, initRepo } from '../../fixtures/git-fixture.js';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const rng = seededRng(85);

describe('names from a repository are escaped and redacted everywhere', () => {
  it('a submodule (gitlink) path with terminal escapes, bidi controls or a key cannot rewrite the summary or leak the key', async () => {
    const repo = await tempDir();
    await initRepo(repo);
    const leaked = fakeKey('project-v2', rng);
    const inFile = fakeKey('legacy', rng);
    await commit(repo, { 'app.env': `K=${inFile}\n` }, 'base', 1);
    const head = git(repo, ['rev-parse', 'HEAD']).trim();
    // Gitlinks straight into the index: names no file system needs to hold.
    const names = [`v/${leaked}`, '\u001b[2K\r\u001b[32mno findings\u001b[0m', 'x\u202egpj\u009b.exe'];
    for (const name of names) git(repo, ['update-index', '--add', '--cacheinfo', `160000,${head},${name}`]);
    git(repo, ['commit', '-q', '-m', 'submodules'], { date: 2 });
    for (const format of ['text', 'json', 'jsonl', 'sarif']) {
      const run = await runCli(['history', '--format', format], { cwd: repo });
      expect(run.code, `${format}: ${run.stderr}`).toBe(1);
      const out = run.stdout + run.stderr;
      expect(out, format).not.toContain(leaked);
      expect(out, format).not.toContain(inFile);
      expect(out, format).not.toMatch(/[\u001b\u009b\u202e]/);
      if (format === 'text') {
        expect(out).toContain('\\x1b[2K\\x0d\\x1b[32mno findings');
        expect(out).toContain('x\\u{202e}gpj\\x9b.exe');
        // The key in the file, and the one that is a gitlink's name.
        expect(out.trim().split('\n').at(-1)).toMatch(/^2 findings · /);
      } else if (format !== 'sarif') {
        // JSON keeps the values: parsed back, the names are exactly what the repository holds (minus the key).
        expect(out).toContain('\\u202e');
        expect(out).toContain('\\u009b');
      }
    }
    const json = JSON.parse((await runCli(['history', '--format', 'json'], { cwd: repo })).stdout);
    expect(json.stats.git.submodules).toContain('x\u202egpj\u009b.exe');
    expect(json.stats.git.submodules.some((s: string) => s.startsWith('v/sk-proj-'))).toBe(true);
    const named = json.findings.flatMap((f: { locations: Array<{ inName?: boolean; path: string; inHead: boolean }> }) => f.locations.filter((l) => l.inName));
    // Still in HEAD: a gitlink has no blob under it, the path itself is what HEAD holds.
    expect(named.map((l: { path: string; inHead: boolean }) => [l.path, l.inHead])).toEqual([[`v/${leaked.slice(0, 12)}…${leaked.slice(-4)}`, true]]);
  });

  it('a commit subject with control bytes cannot detach a key from its commit', async () => {
    const repo = await tempDir();
    await initRepo(repo);
    const key = fakeKey('none', rng);
    const c = await commit(repo, { 'k.env': `K=${key}\n` }, 'evil \u0001\u0002 subject\u0001\u0002ffffffffffffffffffffffffffffffffffffffff\u0000', 1).catch(async () =>
      commit(repo, { 'k.env': `K=${key}\n` }, 'evil \u0001\u0002 subject\u0001\u0002ffffffffffffffffffffffffffffffffffffffff', 1),
    );
    const run = await runCli(['history', '--format', 'json'], { cwd: repo });
    expect(run.code, run.stderr).toBe(1);
    const location = JSON.parse(run.stdout).findings[0].locations[0];
    expect(location).toMatchObject({ path: 'k.env', commit: c, inHead: true });
    expect(location.unreachable).toBeUndefined();
  });
});

describe('files keysweep writes and reads', () => {
  it('--output replaces an existing file or symlink with a new 0600 file and never writes through the link', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a.env'), `K=${fakeKey('legacy', rng)}\n`);
    await writeFile(join(dir, 'existing.json'), 'old\n', { mode: 0o644 });
    await writeFile(join(dir, 'victim.txt'), 'do not touch\n', { mode: 0o644 });
    await symlink(join(dir, 'victim.txt'), join(dir, 'link.json'));
    for (const name of ['existing.json', 'link.json', 'new.json']) {
      const run = await runCli(['scan', 'a.env', '--format', 'json', '-o', name], { cwd: dir });
      expect(run.code, run.stderr).toBe(1);
      const info = await lstat(join(dir, name));
      expect(info.isFile(), name).toBe(true);
      expect(info.mode & 0o777, name).toBe(0o600);
      expect(JSON.parse(await readFile(join(dir, name), 'utf8')).schemaVersion).toBe(1);
    }
    expect(await readFile(join(dir, 'victim.txt'), 'utf8')).toBe('do not touch\n');
  });

  it('a huge .keysweepignore, --ignore-file or --baseline is refused by its size, not read', async () => {
    const repo = await tempDir();
    await initRepo(repo);
    await commit(repo, { 'a.env': `K=${fakeKey('legacy', rng)}\n` }, 'base', 1);
    execFileSync('truncate', ['-s', '700M', join(repo, '.keysweepignore')]);
    const scan = await runCli(['scan', '.'], { cwd: repo });
    expect(scan.code).toBe(2);
    expect(scan.stderr).toContain('over the 16777216-byte limit');
    const flag = await runCli(['scan', 'a.env', '--ignore-file', '.keysweepignore'], { cwd: repo });
    expect(flag.code).toBe(2);
    const baseline = await runCli(['scan', 'a.env', '--baseline', '.keysweepignore'], { cwd: repo });
    expect(baseline.code).toBe(2);
    expect(baseline.stderr).toContain('over the 16777216-byte limit');
  });

  it('a huge .keysweepignore committed at HEAD is not read: history goes on, reports the key it lists, and says why it is incomplete', async () => {
    const repo = await tempDir();
    await initRepo(repo);
    const key = fakeKey('legacy', rng);
    // It lists the key's hash first: read, it would hide the key.
    const sha = createHash('sha256').update(key).digest('hex');
    await writeFile(join(repo, '.keysweepignore'), Buffer.concat([Buffer.from(`${sha}\n`), Buffer.alloc(17 * 1024 * 1024, 0x23)]));
    await commit(repo, { 'a.env': `K=${key}\n` }, 'base', 1);
    // The work tree's copy is read first (decisions are written there), then, without one, HEAD's.
    for (const [path, before] of [['.keysweepignore', async () => {}], ['HEAD:.keysweepignore', () => rm(join(repo, '.keysweepignore'))]] as const) {
      await before();
      const run = await runCli(['history', '--format', 'json'], { cwd: repo });
      expect(run.code).toBe(2);
      const report = JSON.parse(run.stdout) as { findings: Array<{ secretSha256: string; suppressed?: string }>; problems: Array<{ code: string; path: string; reason: string }> };
      expect(report.findings.map((f) => [f.secretSha256, f.suppressed])).toEqual([[sha, undefined]]);
      expect(report.problems[0]).toMatchObject({ code: 'SUPPRESSIONS_NOT_READ', path });
      expect(report.problems[0]!.reason).toMatch(/over the 16777216-byte limit/);
      expect(run.stderr).toContain('incomplete');
    }
  });

  it('a symlinked .keysweepignore in the work tree is not followed: the key stays open and the target is not read', async () => {
    const repo = await tempDir();
    await initRepo(repo);
    const key = fakeKey('legacy', rng);
    const outside = join(await tempDir(), 'outside.txt');
    await writeFile(outside, '*\nPRIVATE-CONTENT-OF-OUTSIDE-FILE\n');
    await commit(repo, { 'a.env': `K=${key}\n` }, 'base', 1);
    await symlink(outside, join(repo, '.keysweepignore'));
    const run = await runCli(['history', '--format', 'json'], { cwd: repo });
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout) as { findings: unknown[]; problems: Array<{ code: string; reason: string }> };
    expect(report.findings).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ code: 'SUPPRESSIONS_NOT_READ', reason: expect.stringContaining('a symbolic link') });
    expect(run.stdout + run.stderr).not.toContain('PRIVATE-CONTENT');
  });
});
