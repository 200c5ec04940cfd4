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

const rng = seededRng(96);
const closers: Array<() => void> = [];
afterEach(() => closers.splice(0).forEach((close) => close()));

/** A stand-in for GitHub's REST API on 127.0.0.1: two pages of an organisation's repositories, and one secondary rate limit. */
async function fakeGitHub(repos: Array<Record<string, unknown>>, gitRoot: string | null = null) {
  const backend = gitRoot ? httpBackendHandler(gitRoot) : null;
  const requests: Array<{ url: string; auth: string | undefined }> = [];
  let limited = false;
  const server = createServer((req, res) => {
    requests.push({ url: req.url ?? '', auth: req.headers.authorization });
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'POST' && url.pathname === '/app/installations/42/access_tokens') {
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ token: 'installation-token-1', expires_at: new Date(Date.now() + 3600_000).toISOString(), permissions: { metadata: 'read' }, repository_selection: 'all' }));
      return;
    }
    if (backend && url.pathname.startsWith('/git/')) {
      req.url = req.url!.replace(/^\/git/, '');
      backend(req, res);
      return;
    }
    if (url.pathname !== '/orgs/acme/repos') {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Not Found' }));
      return;
    }
    const page = Number(url.searchParams.get('page') ?? '1');
    if (page === 2 && !limited) {
      limited = true;
      res.writeHead(403, { 'content-type': 'application/json', 'retry-after': '1' });
      res.end(JSON.stringify({ message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' }));
      return;
    }
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (page === 1) headers.link = `<${base}/orgs/acme/repos?type=all&per_page=100&page=2>; rel="next", <${base}/orgs/acme/repos?type=all&per_page=100&page=2>; rel="last"`;
    res.writeHead(200, headers);
    const listed = repos.map((r) => (typeof r.clone_url === 'string' ? { ...r, clone_url: r.clone_url.replace('GIT_BASE', `${base}/git`) } : r));
    res.end(JSON.stringify(page === 1 ? listed.slice(0, 2) : listed.slice(2)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => server.close());
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

describe('keysweep sweep --github-org', () => {
  it('lists every page, waits out a secondary rate limit, filters forks, archived and globs, and mirrors what is left', async () => {
    const root = await tempDir();
    const key = fakeKey('admin', rng);
    const bare = async (name: string, files: Record<string, string>) => {
      const work = join(root, 'work', name);
      await initRepo(work);
      await commit(work, files, name, 1);
      git(root, ['clone', '-q', '--bare', work, join(root, 'remote', `${name}.git`)]);
      // Served over smart HTTP by the same stand-in (GitHub's listings give https clone URLs; file:// is refused).
      return `GIT_BASE/${name}.git`;
    };
    const repo = (name: string, extra: Record<string, unknown> = {}, files: Record<string, string> = { 'a.txt': 'a\n' }) =>
      bare(name, files).then((clone_url) => ({ name, full_name: `acme/${name}`, clone_url, fork: false, archived: false, ...extra }));
    const listed = [await repo('api', {}, { 'deploy.env': `K=${key}\n` }), await repo('web'), await repo('old', { archived: true }), await repo('forked', { fork: true }), await repo('sandbox-1')];
    const github = await fakeGitHub(listed, join(root, 'remote'));
    const token = 'test-token-not-a-real-one';
    const env = { GITHUB_TOKEN: token, KEYSWEEP_CACHE_DIR: join(root, 'cache') };
    const run = await runCli(['sweep', '--github-org', 'acme', '--github-api-url', github.url, '--exclude', 'sandbox-*', '--format', 'json'], { cwd: root, env });
    expect(run.code, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as { findings: Array<{ secretSha256: string }>; repositories: Array<{ repository: string; status: string }> };
    expect(report.repositories.map((r) => r.repository.split('/').pop())).toEqual(['api.git', 'web.git']);
    expect(report.repositories.every((r) => r.status === 'scanned')).toBe(true);
    expect(report.findings.map((f) => f.secretSha256)).toEqual([secretSha256(key)]);
    // Page 2 was asked twice: once refused with a secondary rate limit, once after Retry-After.
    expect(github.requests.filter((r) => r.url.includes('page=2'))).toHaveLength(2);
    expect(github.requests.filter((r) => r.url.startsWith('/orgs/')).every((r) => r.auth === `token ${token}`)).toBe(true);
    // The clones went to the same host, so they carried the token (as a Basic header).
    expect(github.requests.filter((r) => r.url.startsWith('/git/')).every((r) => r.auth?.startsWith('Basic '))).toBe(true);
    expect(run.stdout + run.stderr).not.toContain(token);
    const withAll = await runCli(['sweep', '--github-org', 'acme', '--github-api-url', github.url, '--include-forks', '--include-archived', '--include', '*o*', '--format', 'json', '--store', join(root, 'all.db')], { cwd: root, env });
    expect((JSON.parse(withAll.stdout) as { repositories: Array<{ repository: string }> }).repositories.map((r) => r.repository.split('/').pop())).toEqual(['forked.git', 'old.git', 'sandbox-1.git']);
  }, 30_000);

  it('authenticates as a GitHub App installation: a JWT signed with the app key buys an installation token used for listing', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const { writeFile } = await import('node:fs/promises');
    const root = await tempDir();
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    await writeFile(join(root, 'app.pem'), privateKey, { mode: 0o600 });
    const github = await fakeGitHub([]);
    const run = await runCli(['sweep', '--github-org', 'acme', '--github-api-url', github.url, '--github-app-id', '1234', '--github-app-key', 'app.pem', '--github-installation', '42'], { cwd: root, env: { KEYSWEEP_CACHE_DIR: root } });
    // An organisation with no repositories is "nothing to sweep", after a successful, authenticated listing.
    expect(run.stderr).toContain('no repositories to sweep');
    const mint = github.requests.find((r) => r.url === '/app/installations/42/access_tokens')!;
    const [, jwt] = (mint.auth ?? '').split(' ');
    const [head, payload, signature] = jwt!.split('.');
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString()).iss).toBe('1234');
    const { createVerify } = await import('node:crypto');
    expect(createVerify('RSA-SHA256').update(`${head}.${payload}`).verify(publicKey, Buffer.from(signature!, 'base64url'))).toBe(true);
    expect(github.requests.filter((r) => r.url.startsWith('/orgs/acme/repos')).every((r) => r.auth === 'token installation-token-1')).toBe(true);
    expect(run.stdout + run.stderr).not.toContain('installation-token-1');
    expect(run.stdout + run.stderr).not.toContain('PRIVATE KEY');
    const half = await runCli(['sweep', '--github-org', 'acme', '--github-api-url', github.url, '--github-app-id', '1234'], { cwd: root });
    expect(half.code).toBe(2);
    expect(half.stderr).toContain('needs --github-app-id, --github-app-key FILE and --github-installation together');
  });

  it('an organisation that cannot be listed is an error, never an empty sweep', async () => {
    const root = await tempDir();
    const github = await fakeGitHub([]);
    const missing = await runCli(['sweep', '--github-org', 'nope', '--github-api-url', github.url], { cwd: root, env: { KEYSWEEP_CACHE_DIR: root } });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot list the repositories of nope');
    const down = await runCli(['sweep', '--github-org', 'acme', '--github-api-url', 'http://127.0.0.1:9'], { cwd: root, env: { KEYSWEEP_CACHE_DIR: root } });
    expect(down.code).toBe(2);
    const hostile = await fakeGitHub([{ name: 'x', full_name: 'acme/x', clone_url: 'ext::sh -c touch% /tmp/keysweep-pwned', fork: false, archived: false }]);
    const refused = await runCli(['sweep', '--github-org', 'acme', '--github-api-url', hostile.url], { cwd: root, env: { KEYSWEEP_CACHE_DIR: root } });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('not an https URL: ext::');
  });
});
