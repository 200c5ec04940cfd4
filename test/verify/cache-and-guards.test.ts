import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, initRepo } from '../../fixtures/git-fixture.js';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { secretSha256 } from '../../src/detect/identity.js';
import { type Profile, fakeOpenAI } from '../helpers/fake-openai.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir, writeTree } from '../helpers/temp-dir.js';

const rng = seededRng(53);

describe('verdict cache', () => {
  it('keeps revoked for good and live for hours, never unknown, keyed by hash only; --no-cache bypasses it', async () => {
    const [revoked, live, unknown] = [fakeKey('legacy', rng), fakeKey('legacy', rng), fakeKey('legacy', rng)];
    const server = await fakeOpenAI(new Map<string, Profile>([[revoked, 'revoked'], [live, 'live-all'], [unknown, 'not-found']]));
    const root = await tempDir();
    const cache = await tempDir();
    await writeTree(root, { 'k.env': `A=${revoked}\nB=${live}\nC=${unknown}\n` });
    const env = { KEYSWEEP_OPENAI_BASE_URL: server.url, KEYSWEEP_CACHE_DIR: cache };
    await runCli(['scan', '--verify'], { cwd: root, env });
    expect(server.requests).toHaveLength(3);
    const second = await runCli(['scan', '--verify', '--format', 'json'], { cwd: root, env });
    const count = (key: string) => server.requests.filter((r) => r.key === key).length;
    expect([count(revoked), count(live), count(unknown)]).toEqual([1, 1, 2]); // only the unknown one was asked again
    const verdicts = JSON.parse(second.stdout).findings.map((f: { secretSha256: string; verification: { status: string; fromCache?: boolean } }) => [f.secretSha256, f.verification.status, f.verification.fromCache ?? false]);
    expect(verdicts).toContainEqual([secretSha256(revoked), 'revoked', true]);
    expect(verdicts).toContainEqual([secretSha256(live), 'live', true]);
    expect(verdicts).toContainEqual([secretSha256(unknown), 'unknown', false]);
    await runCli(['scan', '--verify', '--no-cache'], { cwd: root, env });
    expect(server.requests).toHaveLength(7);
    const files = await readdir(cache);
    const text = await readFile(join(cache, files[0]!), 'utf8');
    for (const key of [revoked, live, unknown]) expect(text).not.toContain(key);
    expect(text).toContain(secretSha256(revoked));
  });
});

describe('keys go to OpenAI only', () => {
  it('refuses any KEYSWEEP_OPENAI_BASE_URL that is not a loopback address, before sending anything', async () => {
    const root = await tempDir();
    await writeTree(root, { 'k.env': `K=${fakeKey('project-v2', rng)}\n` });
    for (const url of ['http://10.0.0.1:8080', 'http://localhost:8080', 'https://api.openai.com.evil.test', 'http://127.0.0.1:8080/v1/proxy', 'http://user:pw@127.0.0.1:1']) {
      const { code, stderr } = await runCli(['scan', '--verify'], { cwd: root, env: { KEYSWEEP_OPENAI_BASE_URL: url } });
      expect(code, url).toBe(2);
      expect(stderr).toContain('loopback');
    }
  });

  it('ignores what a scanned repository says: .env, package.json and git config cannot redirect keys', async () => {
    const key = fakeKey('project-v2', rng);
    const server = await fakeOpenAI(new Map<string, Profile>([[key, 'live-all']]));
    const decoy = await fakeOpenAI(new Map());
    const repo = await tempDir();
    await initRepo(repo);
    await commit(repo, {
      '.env': `OPENAI_API_KEY=${key}\nKEYSWEEP_OPENAI_BASE_URL=${decoy.url}\nOPENAI_BASE_URL=${decoy.url}\n`,
      'package.json': JSON.stringify({ keysweep: { baseUrl: decoy.url } }),
      '.keysweeprc': `baseUrl=${decoy.url}\n`,
    }, 'config', 1);
    // In-process: a synchronous child would block this process's stand-in server.
    const result = await runCli(['history', '--verify'], { cwd: repo, env: { KEYSWEEP_OPENAI_BASE_URL: server.url, KEYSWEEP_CACHE_DIR: await tempDir() } });
    expect(result.code).toBe(1);
    expect(server.requests).toHaveLength(1);
    expect(decoy.requests).toHaveLength(0);
  });
});
