import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commit, git, initRepo } from '../../fixtures/git-fixture.js';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { secretSha256 } from '../../src/detect/identity.js';
import { httpBackendHandler } from '../helpers/git-servers.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const rng = seededRng(302);
const closers: Array<() => void> = [];
afterEach(() => closers.splice(0).forEach((close) => close()));

type Seen = { path: string; auth: string | undefined };

/** One loopback host: GitHub's list endpoint at /orgs/acme/repos and private repositories over smart HTTP, which need the token. */
async function host(root: string, token: string | null, listing: (base: string) => Array<Record<string, unknown>>) {
  const seen: Seen[] = [];
  const backend = httpBackendHandler(join(root, 'served'));
  const server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', auth: req.headers.authorization });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (req.url?.startsWith('/orgs/acme/repos')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(listing(base)));
      return;
    }
    const expected = token ? `Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}` : null;
    if (expected && req.headers.authorization !== expected) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="private"' });
      res.end();
      return;
    }
    backend(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => server.close());
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

describe('--github-org over private repositories', () => {
  it('clones them with GITHUB_TOKEN, sends it to the GitHub host only, and never writes or prints it', async () => {
    const root = await tempDir('keysweep-private-');
    const key = fakeKey('project-v2', rng);
    const work = join(root, 'work');
    await initRepo(work);
    await commit(work, { 'deploy.env': `K=${key}\n` }, 'private', 1);
    git(root, ['clone', '-q', '--bare', work, join(root, 'served', 'acme', 'secret.git')]);
    const token = 'token-for-private-clones-0001';
    // Another host the listing points at: it must never receive the token.
    const elsewhere = await host(root, null, () => []);
    const github = await host(root, token, (base) => [
      { name: 'secret', full_name: 'acme/secret', clone_url: `${base}/acme/secret.git`, private: true },
      { name: 'vendored', full_name: 'acme/vendored', clone_url: `${elsewhere.url}/acme/secret.git` },
    ]);
    const env = { GITHUB_TOKEN: token, KEYSWEEP_CACHE_DIR: join(root, 'cache') };
    const run = await runCli(['sweep', '--github-org', 'acme', '--github-api-url', github.url, '--format', 'json'], { cwd: root, env });
    expect(run.code, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as { findings: Array<{ secretSha256: string }>; repositories: Array<{ repository: string; status: string }> };
    expect(report.repositories.map((r) => r.status)).toEqual(['scanned', 'scanned']);
    expect(report.findings.map((f) => f.secretSha256)).toEqual([secretSha256(key)]);
    expect(github.seen.filter((s) => s.path.includes('/acme/secret.git/')).every((s) => s.auth?.startsWith('Basic '))).toBe(true);
    expect(elsewhere.seen.length).toBeGreaterThan(0);
    expect(elsewhere.seen.every((s) => s.auth === undefined)).toBe(true);
    expect(run.stdout + run.stderr).not.toContain(token);
    // The token lives in git's environment for the clone, never in a mirror's files.
    const { spawnSync } = await import('node:child_process');
    const grep = spawnSync('grep', ['-rl', '-e', token, '-e', Buffer.from(`x-access-token:${token}`).toString('base64'), join(root, 'cache')], { encoding: 'utf8' });
    expect([grep.status, grep.stdout]).toEqual([1, '']);
  }, 30_000);

  it('without a token a private repository fails with its reason and the sweep goes on', async () => {
    const root = await tempDir('keysweep-private-');
    const work = join(root, 'work');
    await initRepo(work);
    await commit(work, { 'a.txt': 'a\n' }, 'a', 1);
    git(root, ['clone', '-q', '--bare', work, join(root, 'served', 'acme', 'secret.git')]);
    const github = await host(root, 'needed-token', (base) => [{ name: 'secret', full_name: 'acme/secret', clone_url: `${base}/acme/secret.git` }]);
    const run = await runCli(['sweep', '--github-org', 'acme', '--github-api-url', github.url, '--format', 'json'], { cwd: root, env: { GITHUB_TOKEN: '', KEYSWEEP_CACHE_DIR: join(root, 'cache') } });
    expect(run.code, run.stderr).toBe(3);
    const report = JSON.parse(run.stdout) as { repositories: Array<{ status: string; reason: string }> };
    expect(report.repositories[0]!.status).toBe('failed');
    expect(report.repositories[0]!.reason).toMatch(/terminal prompts disabled|Authentication failed|could not read Username/);
  }, 30_000);

  it('never follows the API to another host with the token, refuses file:// clone URLs, and never prints an echoed token', async () => {
    const root = await tempDir('keysweep-private-');
    const token = 'ghp_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    const elsewhere = await host(root, null, () => []);
    const seen: Array<string | undefined> = [];
    const api = createServer((req, res) => {
      seen.push(req.headers.authorization);
      const url = new URL(req.url ?? '/', 'http://x');
      const mode = url.searchParams.get('org') ?? req.url;
      if (req.url?.startsWith('/orgs/linked/')) {
        res.writeHead(200, { 'content-type': 'application/json', link: `<${elsewhere.url}/orgs/linked/repos?page=2>; rel="next"` });
        res.end('[]');
      } else if (req.url?.startsWith('/orgs/local/')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify([{ name: 'mine', full_name: 'local/mine', clone_url: `file://${root}` }]));
      } else {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: `bad header token ${String(req.headers.authorization).replace(/^token /, '')} (${mode})` }));
      }
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    closers.push(() => api.close());
    const apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    const env = { GITHUB_TOKEN: token, KEYSWEEP_CACHE_DIR: join(root, 'cache') };
    const linked = await runCli(['sweep', '--github-org', 'linked', '--github-api-url', apiUrl], { cwd: root, env });
    expect(linked.code).toBe(2);
    expect(linked.stderr).toContain('the API sent keysweep to another host');
    expect(elsewhere.seen).toEqual([]);
    const local = await runCli(['sweep', '--github-org', 'local', '--github-api-url', apiUrl], { cwd: root, env });
    expect([local.code, local.stderr]).toEqual([2, expect.stringContaining('not an https URL: file://')]);
    const echoed = await runCli(['sweep', '--github-org', 'other', '--github-api-url', apiUrl], { cwd: root, env });
    expect(echoed.code).toBe(2);
    expect(echoed.stderr).toContain('bad header token [token]');
    expect(echoed.stderr).not.toContain(token);
    expect(seen.every((a) => a === `token ${token}`)).toBe(true);
  });
});
