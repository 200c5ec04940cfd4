import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, initRepo } from '../../fixtures/git-fixture.js';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { secretSha256 } from '../../src/detect/identity.js';
import { type Profile, fakeOpenAI } from '../helpers/fake-openai.js';
import { gitRun, installHooks } from '../helpers/push-repos.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const rng = seededRng(312);
type Json = { findings: Array<{ secretSha256: string; id: string; keyType: string; locations: Array<{ path: string; line: number; column: number; encoding?: string }>; verification?: { status: string } }> };

describe('keys in base64 and glued to escapes, from real files', () => {
  it('scan, history, verify and the pre-commit hook find a base64 key in a Kubernetes Secret as the same key as in plain text', async () => {
    const repo = await tempDir('keysweep-encoded-');
    await initRepo(repo);
    const key = fakeKey('admin', rng);
    const value = Buffer.from(key).toString('base64');
    await commit(repo, { 'k8s/secret.yaml': `apiVersion: v1\nkind: Secret\ndata:\n  OPENAI_ADMIN_KEY: ${value}\n`, 'plain.env': `K=${key}\n`, 'web/app.js': `fetch("/x?key=%22${fakeKey('project-v2', rng)}%22")\n` }, 'add', 1);
    for (const args of [['scan', '.'], ['history']]) {
      const run = await runCli([...args, '--format', 'json'], { cwd: repo });
      expect(run.code, run.stderr).toBe(1);
      const report = JSON.parse(run.stdout) as Json;
      const admin = report.findings.find((f) => f.secretSha256 === secretSha256(key))!;
      expect(admin.keyType).toBe('admin');
      expect(admin.locations.map((l) => [l.path, l.line, l.column, l.encoding ?? null])).toEqual([['k8s/secret.yaml', 4, 21, 'base64'], ['plain.env', 1, 3, null]]);
      expect(report.findings).toHaveLength(2);
      expect(run.stdout).not.toContain(key);
    }
    // verify reads the key back from the encoded text alone.
    await writeFile(join(repo, 'plain.env'), 'K=gone\n');
    const report = await runCli(['scan', 'k8s', '--format', 'json', '-o', 'r.json'], { cwd: repo });
    expect(report.code).toBe(1);
    const server = await fakeOpenAI(new Map<string, Profile>([[key, 'admin-live']]));
    const verified = await runCli(['verify', 'r.json', '--format', 'json'], { cwd: repo, env: { KEYSWEEP_OPENAI_BASE_URL: server.url, KEYSWEEP_CACHE_DIR: await tempDir() } });
    expect((JSON.parse(verified.stdout) as Json).findings.map((f) => f.verification?.status)).toEqual(['live']);
    // The hook blocks a staged base64 key.
    const hooked = await tempDir('keysweep-encoded-hook-');
    await initRepo(hooked);
    installHooks(hooked, ['--pre-commit']);
    await writeFile(join(hooked, 'secret.yaml'), `data:\n  KEY: ${Buffer.from(fakeKey('project-v2', rng)).toString('base64')}\n`);
    gitRun(hooked, ['add', 'secret.yaml']);
    const blocked = gitRun(hooked, ['commit', '-m', 'x']);
    expect(blocked.code).not.toBe(0);
    expect(blocked.stderr).toContain('secret.yaml:2');
  });

  it('--no-decode turns base64 off in scan (in this thread and in worker threads), history and sweep', async () => {
    const dir = await tempDir('keysweep-no-decode-');
    await initRepo(dir);
    const key = fakeKey('project-v2', rng);
    const files: Record<string, string> = { 'secret.yaml': `data:\n  K: ${Buffer.from(key).toString('base64')}\n` };
    for (let i = 0; i < 200; i++) files[`f/${i}.txt`] = `file ${i}\n`;
    await commit(dir, files, 'add', 1);
    await writeFile(join(dir, 'repos.txt'), '.\n');
    const found = (args: string[]) => runCli(args, { cwd: dir }).then((r) => r.code);
    for (const args of [['scan', '.', '--threads', '1'], ['scan', '.', '--threads', '2'], ['history'], ['sweep', '--repos', 'repos.txt', '--store', 's.db', '--cache-dir', 'c', '--quiet']]) {
      expect(await found(args), args.join(' ')).toBe(1);
      expect(await found([...args.map((a) => (a === 's.db' ? 's2.db' : a)), '--no-decode']), `${args.join(' ')} --no-decode`).toBe(0);
    }
  });

  it('a key written as hex is reported with "encoding": "hex" and verified from the hex text', async () => {
    const dir = await tempDir('keysweep-hex-');
    const key = fakeKey('project-v2', rng);
    await writeFile(join(dir, 'dump.txt'), `payload=${Buffer.from(`OPENAI_API_KEY=${key}`).toString('hex')}\n`);
    const scan = await runCli(['scan', '.', '--format', 'json', '-o', 'r.json'], { cwd: dir });
    expect(scan.code).toBe(1);
    const report = JSON.parse(await (await import('node:fs/promises')).readFile(join(dir, 'r.json'), 'utf8')) as Json;
    expect(report.findings.map((f) => [f.secretSha256, f.locations[0]!.encoding, f.locations[0]!.column])).toEqual([[secretSha256(key), 'hex', 9 + 2 * 'OPENAI_API_KEY='.length]]);
    const server = await fakeOpenAI(new Map<string, Profile>([[key, 'live-all']]));
    const verified = await runCli(['verify', 'r.json', '--format', 'json'], { cwd: dir, env: { KEYSWEEP_OPENAI_BASE_URL: server.url, KEYSWEEP_CACHE_DIR: await tempDir() } });
    expect((JSON.parse(verified.stdout) as Json).findings.map((f) => f.verification?.status)).toEqual(['live']);
  });

  it('a key in a UTF-16 PowerShell script is found by scan, history and the pre-commit hook, and verified from the UTF-16 text', async () => {
    const repo = await tempDir('keysweep-utf16-');
    await initRepo(repo);
    const key = fakeKey('project-v2', rng);
    const script = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`# deploy\r\n$env:OPENAI_API_KEY = '${key}'\r\n`, 'utf16le')]);
    await commit(repo, { 'deploy.ps1': script }, 'add', 1);
    for (const args of [['scan', '.'], ['history']]) {
      const run = await runCli([...args, '--format', 'json', '-o', 'r.json'], { cwd: repo });
      expect(run.code, run.stderr).toBe(1);
      const report = JSON.parse(await readFile(join(repo, 'r.json'), 'utf8')) as Json;
      expect(report.findings.map((f) => [f.secretSha256, f.locations[0]!.path, f.locations[0]!.line, f.locations[0]!.column, f.locations[0]!.encoding])).toEqual([[secretSha256(key), 'deploy.ps1', 2, '$env:OPENAI_API_KEY = \''.length + 1, 'utf16le']]);
      const server = await fakeOpenAI(new Map<string, Profile>([[key, 'live-all']]));
      const verified = await runCli(['verify', 'r.json', '--format', 'json'], { cwd: repo, env: { KEYSWEEP_OPENAI_BASE_URL: server.url, KEYSWEEP_CACHE_DIR: await tempDir() } });
      expect((JSON.parse(verified.stdout) as Json).findings.map((f) => f.verification?.status), args[0]).toEqual(['live']);
    }
    const hooked = await tempDir('keysweep-utf16-hook-');
    await initRepo(hooked);
    installHooks(hooked, ['--pre-commit']);
    await writeFile(join(hooked, 'run.ps1'), Buffer.from(`$k = "${fakeKey('admin', rng)}"`, 'utf16le').swap16());
    gitRun(hooked, ['add', 'run.ps1']);
    const blocked = gitRun(hooked, ['commit', '-m', 'x']);
    expect(blocked.code).not.toBe(0);
    expect(blocked.stderr).toContain('run.ps1:1');
  });
});
