import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, git, initRepo } from '../../fixtures/git-fixture.js';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { secretSha256 } from '../../src/detect/identity.js';
import { type Profile, fakeOpenAI } from '../helpers/fake-openai.js';
import { gitRun, installHooks, pushSetup, remoteHas } from '../helpers/push-repos.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const rng = seededRng(361);
type Loc = { path: string; line: number | null; inName?: boolean; commit?: string; message?: string; inHead?: boolean };
type Json = { findings: Array<{ secretSha256: string; locations: Loc[]; verification?: { status: string } }>; stats: { filesScanned: number } };

describe('keys used as file or directory names', () => {
  it('a tree scan finds a file and a directory named after keys, shows their paths redacted, and verify reads the names back', async () => {
    const dir = await tempDir('keysweep-names-');
    const fileKey = fakeKey('project-v2', rng);
    const dirKey = fakeKey('admin', rng);
    const inside = fakeKey('legacy', rng);
    await writeFile(join(dir, fileKey), 'renamed from .env.example\n');
    await mkdir(join(dir, 'configs', dirKey), { recursive: true });
    await writeFile(join(dir, 'configs', dirKey, 'app.env'), `K=${inside}\n`);
    const run = await runCli(['scan', '.', '--format', 'json', '-o', 'r.json'], { cwd: dir });
    expect(run.code, run.stderr).toBe(1);
    const raw = await readFile(join(dir, 'r.json'), 'utf8');
    for (const key of [fileKey, dirKey, inside]) expect(raw).not.toContain(key);
    const report = JSON.parse(raw) as Json;
    const bySha = new Map(report.findings.map((f) => [f.secretSha256, f.locations]));
    expect(bySha.get(secretSha256(fileKey))).toMatchObject([{ path: `${fileKey.slice(0, 12)}…${fileKey.slice(-4)}`, line: null, inName: true }]);
    expect(bySha.get(secretSha256(dirKey))).toMatchObject([{ path: `configs/${dirKey.slice(0, 13)}…${dirKey.slice(-4)}`, inName: true }]);
    // The file inside that directory is read, and its path shown without the directory's key.
    expect(bySha.get(secretSha256(inside))).toMatchObject([{ path: `configs/${dirKey.slice(0, 13)}…${dirKey.slice(-4)}/app.env`, line: 1 }]);
    expect(bySha.get(secretSha256(inside))![0]!.inName).toBeUndefined();
    // Names are not files: two files were read.
    expect(report.stats.filesScanned).toBe(2);
    const server = await fakeOpenAI(new Map<string, Profile>([[fileKey, 'live-all'], [dirKey, 'admin-live'], [inside, 'revoked']]));
    const verified = await runCli(['verify', 'r.json', '--format', 'json'], { cwd: dir, env: { KEYSWEEP_OPENAI_BASE_URL: server.url, KEYSWEEP_CACHE_DIR: await tempDir() } });
    const status = new Map((JSON.parse(verified.stdout) as Json).findings.map((f) => [f.secretSha256, f.verification?.status]));
    expect([status.get(secretSha256(fileKey)), status.get(secretSha256(dirKey))]).toEqual(['live', 'live']);
  });

  it('history finds a file renamed to a key (same content) and a directory named after one, with the commits that added them; verify reads them back', async () => {
    const repo = await tempDir('keysweep-names-history-');
    await initRepo(repo);
    await commit(repo, { '.env.example': 'OPENAI_API_KEY=\n' }, 'example', 1);
    const key = fakeKey('svcacct-v2', rng);
    git(repo, ['mv', '.env.example', key]);
    git(repo, ['commit', '-q', '-m', 'rename']);
    const dirKey = fakeKey('project-v2', rng);
    await commit(repo, { [`keys/${dirKey}/README`]: 'x\n' }, 'dir', 3);
    // Gone from HEAD, still in history.
    git(repo, ['rm', '-q', '-r', 'keys']);
    git(repo, ['commit', '-q', '-m', 'remove']);
    const run = await runCli(['history', '--format', 'json', '-o', 'h.json'], { cwd: repo });
    expect(run.code, run.stderr).toBe(1);
    const raw = await readFile(join(repo, 'h.json'), 'utf8');
    expect(raw).not.toContain(key);
    expect(raw).not.toContain(dirKey);
    const report = JSON.parse(raw) as Json;
    const rows = report.findings.map((f) => [f.secretSha256, f.locations.map((l) => [l.path, l.inName, l.message, l.inHead])]);
    expect(rows).toEqual(
      expect.arrayContaining([
        [secretSha256(key), [[`${key.slice(0, 15)}…${key.slice(-4)}`, true, 'rename', true]]],
        [secretSha256(dirKey), [[`keys/${dirKey.slice(0, 12)}…${dirKey.slice(-4)}`, true, 'dir', false]]],
      ]),
    );
    expect(rows).toHaveLength(2);
    const server = await fakeOpenAI(new Map<string, Profile>([[key, 'live-all'], [dirKey, 'revoked']]));
    const verified = await runCli(['verify', 'h.json', '--format', 'json'], { cwd: repo, env: { KEYSWEEP_OPENAI_BASE_URL: server.url, KEYSWEEP_CACHE_DIR: await tempDir() } });
    const status = new Map((JSON.parse(verified.stdout) as Json).findings.map((f) => [f.secretSha256, f.verification?.status]));
    expect([status.get(secretSha256(key)), status.get(secretSha256(dirKey))]).toEqual(['live', 'revoked']);
  });

  it('the pre-commit and pre-push hooks block a file named after a key, saying so without the key', async () => {
    const { local, remote } = await pushSetup();
    installHooks(local, ['--pre-commit']);
    const key = fakeKey('legacy', rng);
    await writeFile(join(local, key), 'x\n');
    gitRun(local, ['add', '-A']);
    const blocked = gitRun(local, ['commit', '-m', 'oops']);
    expect(blocked.code).not.toBe(0);
    expect(blocked.stderr).toContain('the key is in the path itself');
    expect(blocked.stderr).not.toContain(key);
    // Past the pre-commit hook, the pre-push hook still stops it.
    expect(gitRun(local, ['commit', '-q', '--no-verify', '-m', 'oops']).code).toBe(0);
    installHooks(local);
    const push = gitRun(local, ['push', 'origin', 'main']);
    expect(push.code).not.toBe(0);
    expect(push.stderr).toContain('the key is in the path itself');
    expect(push.stderr).not.toContain(key);
    expect(remoteHas(remote, 'main')).not.toBe(git(local, ['rev-parse', 'HEAD']).trim());
  });

  it('a tree over --max-file-size is skipped with a reason, not read in silence', async () => {
    const repo = await tempDir('keysweep-names-big-tree-');
    await initRepo(repo);
    const files: Record<string, string> = {};
    for (let i = 0; i < 200; i++) files[`file-with-a-long-name-${i}.txt`] = 'x\n';
    await commit(repo, files, 'many', 1);
    const run = await runCli(['history', '--format', 'json', '--max-file-size', '4k'], { cwd: repo });
    expect(run.code, run.stderr).toBe(0);
    // The root tree (200 entries, ~9 KB) is the one object over the limit.
    expect((JSON.parse(run.stdout) as { stats: { skipped: Record<string, number> } }).stats.skipped['too-large']).toBe(1);
  });

  it('a key that is only a name is reported (exit 1) even when no file was read', async () => {
    const dir = await tempDir('keysweep-names-only-');
    const key = fakeKey('none', rng);
    await mkdir(join(dir, key, 'empty'), { recursive: true });
    const run = await runCli(['scan', '.', '--format', 'json'], { cwd: dir });
    expect(run.code, run.stderr).toBe(1);
    expect((JSON.parse(run.stdout) as Json).findings.map((f) => f.secretSha256)).toEqual([secretSha256(key)]);
  });

  it('the pre-commit hook reads no content for a staged submodule, and blocks one named after a key', async () => {
    const repo = await tempDir('keysweep-names-gitlink-');
    await initRepo(repo);
    await commit(repo, { 'README.md': 'x\n' }, 'base', 1);
    installHooks(repo, ['--pre-commit']);
    // A submodule's commit is in its own repository, never in this one's store.
    const head = 'c0ffee'.repeat(6) + 'c0ff';
    git(repo, ['update-index', '--add', '--cacheinfo', `160000,${head},vendor/lib`]);
    const clean = gitRun(repo, ['commit', '-m', 'add submodule']);
    expect(clean.code, clean.stderr).toBe(0);
    const key = fakeKey('project-v2', rng);
    git(repo, ['update-index', '--add', '--cacheinfo', `160000,${head},vendor/${key}`]);
    const blocked = gitRun(repo, ['commit', '-m', 'add another']);
    expect(blocked.code).not.toBe(0);
    expect(blocked.stderr).toContain('the key is in the path itself');
    expect(blocked.stderr).not.toContain(key);
  });

  it('two empty files named after two keys are two findings in history; a symlink named after a key is found in a tree scan', async () => {
    const repo = await tempDir('keysweep-names-twins-');
    await initRepo(repo);
    const [a, b] = [fakeKey('legacy', rng), fakeKey('none', rng)];
    // Same (empty) content, so both entries name the same object: each name still counts.
    await commit(repo, { [a]: '', [b]: '' }, 'twins', 1);
    const history = await runCli(['history', '--format', 'json'], { cwd: repo });
    expect(history.code, history.stderr).toBe(1);
    expect((JSON.parse(history.stdout) as Json).findings.map((f) => f.secretSha256).sort()).toEqual([secretSha256(a), secretSha256(b)].sort());
    const dir = await tempDir('keysweep-names-link-');
    const key = fakeKey('project-v2', rng);
    await writeFile(join(dir, 'target.txt'), 'x\n');
    await (await import('node:fs/promises')).symlink('target.txt', join(dir, key));
    const scan = await runCli(['scan', '.', '--format', 'json'], { cwd: dir });
    expect(scan.code, scan.stderr).toBe(1);
    expect((JSON.parse(scan.stdout) as Json).findings.map((f) => [f.secretSha256, f.locations[0]!.inName])).toEqual([[secretSha256(key), true]]);
  });
});
