import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, initRepo } from '../../fixtures/git-fixture.js';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { secretSha256 } from '../../src/detect/identity.js';
import { LIVE_TTL_MS, openVerdictCache } from '../../src/verify/verdict-cache.js';
import { type Profile, fakeOpenAI } from '../helpers/fake-openai.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir, writeTree } from '../helpers/temp-dir.js';

const rng = seededRng(54);

describe('keysweep verify REPORT.json', () => {
  it('reads each key back from the files and git blobs a report names (reports hold no keys) and verifies it', async () => {
    const [inFile, inHistory, gone] = [fakeKey('project-v2', rng), fakeKey('admin', rng), fakeKey('none', rng)];
    const server = await fakeOpenAI(new Map<string, Profile>([[inFile, 'revoked'], [inHistory, 'admin-live'], [gone, 'live-all']]));
    const repo = await tempDir();
    await initRepo(repo);
    await commit(repo, { 'old/admin.env': `K=${inHistory}\n` }, 'add', 1);
    await commit(repo, { 'old/admin.env': null }, 'remove', 2);
    const env = { KEYSWEEP_OPENAI_BASE_URL: server.url, KEYSWEEP_CACHE_DIR: await tempDir() };
    expect((await runCli(['history', '--format', 'json', '-o', 'history.json'], { cwd: repo, env })).code).toBe(1);
    await writeTree(repo, { 'app.env': `K=${inFile}\n`, 'tmp.env': `K=${gone}\n` });
    expect((await runCli(['scan', 'app.env', 'tmp.env', '--format', 'json', '-o', 'scan.json'], { cwd: repo, env })).code).toBe(1);
    await writeFile(join(repo, 'tmp.env'), 'rotated\n');
    expect(server.requests).toHaveLength(0);

    const scan = await runCli(['verify', 'scan.json', '--format', 'json'], { cwd: repo, env });
    expect(scan.code).toBe(1); // one key could not be checked: not all revoked
    const verdicts = JSON.parse(scan.stdout).findings.map((f: { secretSha256: string; verification: { status: string; detail: string } }) => [f.secretSha256, f.verification.status]);
    expect(verdicts).toContainEqual([secretSha256(inFile), 'revoked']);
    expect(verdicts).toContainEqual([secretSha256(gone), 'unknown']);
    const history = await runCli(['verify', 'history.json'], { cwd: repo, env });
    expect(history.stdout).toContain('verification: LIVE');
    expect(history.stdout).toContain('https://platform.openai.com/settings/organization/admin-keys');
    expect(server.requests.map((r) => r.key).sort()).toEqual([inFile, inHistory].sort());

    const onlyRevoked = await runCli(['verify', '-'], { cwd: repo, env, stdin: JSON.stringify({ ...JSON.parse(scan.stdout), findings: JSON.parse(scan.stdout).findings.filter((f: { secretSha256: string }) => f.secretSha256 === secretSha256(inFile)) }) });
    expect(onlyRevoked.code).toBe(0);
    expect((await runCli(['verify', 'nope.json'], { cwd: repo, env })).code).toBe(2);
  });
});

describe('verdict cache file', () => {
  it('expires live verdicts after six hours, keeps revoked ones, and is private to the user', async () => {
    const dir = await tempDir();
    const cache = await openVerdictCache(dir);
    const at = Date.parse('2026-01-01T00:00:00Z');
    cache.put('a'.repeat(64), 'basic', { status: 'live', permission: null, detail: 'x', checkedAt: new Date(at).toISOString() });
    cache.put('b'.repeat(64), 'basic', { status: 'revoked', permission: null, detail: 'y', checkedAt: new Date(at).toISOString() });
    cache.put('c'.repeat(64), 'basic', { status: 'unknown', permission: null, detail: 'z', checkedAt: new Date(at).toISOString() });
    await cache.save();
    const reopened = await openVerdictCache(dir);
    expect(reopened.get('a'.repeat(64), 'basic', at + LIVE_TTL_MS - 1)?.status).toBe('live');
    expect(reopened.get('a'.repeat(64), 'basic', at + LIVE_TTL_MS + 1)).toBeNull();
    expect(reopened.get('a'.repeat(64), 'deep', at)).toBeNull(); // a basic verdict does not answer a deep question
    expect(reopened.get('b'.repeat(64), 'basic', at + 10 * 365 * 86_400_000)?.status).toBe('revoked');
    expect(reopened.get('c'.repeat(64), 'basic', at)).toBeNull();
    expect((await stat(join(dir, 'verdicts.json'))).mode & 0o777).toBe(0o600);
  });
});
