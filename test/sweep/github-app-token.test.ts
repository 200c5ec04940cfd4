import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { listOrgRepos } from '../../src/sweep/github-org.js';

const closers: Array<() => void> = [];
afterEach(() => {
  closers.splice(0).forEach((close) => close());
  vi.useRealTimers();
});

describe('a GitHub App installation token over a long sweep', () => {
  it('is minted again once the one it has is about to expire, so clones late in a sweep still authenticate', async () => {
    let minted = 0;
    const server = createServer((req, res) => {
      if (req.method === 'POST' && req.url === '/app/installations/42/access_tokens') {
        minted += 1;
        res.writeHead(201, { 'content-type': 'application/json' });
        // GitHub's installation tokens live one hour from when they are minted.
        res.end(JSON.stringify({ token: `installation-token-${minted}`, expires_at: new Date(Date.now() + 3600_000).toISOString(), permissions: { metadata: 'read' }, repository_selection: 'all' }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('[]');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => server.close());
    const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    // Only Date is faked: the HTTP exchange runs on real timers and sockets.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-27T08:00:00Z') });
    const listed = await listOrgRepos({ org: 'acme', apiUrl, token: null, app: { appId: '1', privateKey, installationId: '42' }, includeForks: false, includeArchived: false, include: [], exclude: [] });
    const credential = listed.credential!;
    expect(credential.origin).toBe(apiUrl);
    expect(await credential.token()).toBe('installation-token-1');
    vi.setSystemTime(new Date('2026-11-27T08:30:00Z'));
    expect(await credential.token()).toBe('installation-token-1');
    // Two hours later the first token has expired: a new one is minted, not the stale one reused.
    vi.setSystemTime(new Date('2026-11-27T10:00:00Z'));
    expect(await credential.token()).toBe('installation-token-2');
    expect(minted).toBe(2);
  });

  it('GITHUB_TOKEN clones from github.com when listing at api.github.com, and the origin of a GitHub Enterprise API otherwise', async () => {
    const { webOriginOf, credentialFor } = await import('../../src/sweep/clone-credentials.js');
    expect(webOriginOf('https://api.github.com')).toBe('https://github.com');
    expect(webOriginOf('https://ghe.example.com/api/v3')).toBe('https://ghe.example.com');
    const credentials = [{ origin: 'https://github.com', token: async () => 't' }];
    expect(credentialFor('https://github.com/acme/a.git', credentials)).toBe(credentials[0]);
    for (const url of ['http://github.com/acme/a.git', 'https://github.com.evil.test/a.git', 'https://github.com:8443/a.git', 'https://user@github.com/a.git', 'ssh://git@github.com/a.git', 'not a url']) {
      expect(credentialFor(url, credentials), url).toBeNull();
    }
    expect(credentialFor('http://127.0.0.1:9/a.git', [{ origin: 'http://127.0.0.1:9', token: async () => 't' }])).not.toBeNull();
    for (const loop of ['http://localhost:9', 'http://[::1]:9']) expect(credentialFor(`${loop}/a.git`, [{ origin: loop, token: async () => 't' }]), loop).not.toBeNull();
    expect(credentialFor('http://10.0.0.1:9/a.git', [{ origin: 'http://10.0.0.1:9', token: async () => 't' }])).toBeNull();
  });
});
