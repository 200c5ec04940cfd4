import { describe, expect, it } from 'vitest';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { secretSha256 } from '../../src/detect/identity.js';
import { type Profile, fakeOpenAI } from '../helpers/fake-openai.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir, writeTree } from '../helpers/temp-dir.js';

const rng = seededRng(52);

async function run(profiles: Array<[Profile, string]>, args: string[]) {
  const server = await fakeOpenAI(new Map(profiles.map(([profile, key]) => [key, profile])));
  const root = await tempDir();
  await writeTree(root, Object.fromEntries(profiles.map(([profile, key], i) => [`f${i}-${profile}.env`, `K=${key}\n`])));
  const result = await runCli(['scan', '--format', 'json', ...args], { cwd: root, env: { KEYSWEEP_OPENAI_BASE_URL: server.url, KEYSWEEP_CACHE_DIR: await tempDir() } });
  const report = JSON.parse(result.stdout) as { findings: Array<{ secretSha256: string; verification: Record<string, unknown> & { status: string; detail: string } }> };
  const of = (key: string) => report.findings.find((f) => f.secretSha256 === secretSha256(key))!.verification;
  const requestsFor = (key: string) => server.requests.filter((r) => r.key === key);
  return { server, result, of, requestsFor };
}

describe('faults: retried within bounds, never read as revoked', () => {
  it('times out a slow answer, survives resets, retries 500 and edge 429 (honouring Retry-After), does not follow redirects', async () => {
    const keys = Object.fromEntries((['slow', 'reset', 'flaky-500', 'edge-429', 'redirect'] as Profile[]).map((p) => [p, fakeKey('project-v1', rng)]));
    const { of, requestsFor, server } = await run(Object.entries(keys).map(([p, k]) => [p as Profile, k]), ['--verify', '--verify-timeout', '1']);
    expect(of(keys.slow!)).toMatchObject({ status: 'unknown', detail: expect.stringContaining('timed out') });
    expect(requestsFor(keys.slow!)).toHaveLength(3); // the first try and at most 2 retries
    expect(of(keys.reset!).status).toBe('unknown');
    expect(requestsFor(keys.reset!)).toHaveLength(3);
    expect(of(keys['flaky-500']!).status).toBe('live');
    expect(requestsFor(keys['flaky-500']!)).toHaveLength(2);
    expect(of(keys['edge-429']!).status).toBe('live');
    // How long it waits (Retry-After, backoff, the budget) is tested on an injected clock: retry-timing.test.ts.
    expect(requestsFor(keys['edge-429']!)).toHaveLength(2);
    expect(of(keys.redirect!)).toMatchObject({ status: 'unknown', detail: expect.stringContaining('redirect, not followed') });
    expect(requestsFor(keys.redirect!)).toHaveLength(1);
    expect(server.maxInFlight()).toBeLessThanOrEqual(4);
  });

  it('stops at the overall budget: keys not reached are unknown, not skipped', async () => {
    const slow = [fakeKey('none', rng), fakeKey('none', rng), fakeKey('none', rng), fakeKey('none', rng), fakeKey('none', rng)];
    const { of } = await run(slow.map((k) => ['slow', k] as [Profile, string]), ['--verify', '--verify-timeout', '1', '--verify-budget', '1']);
    for (const key of slow) expect(of(key).status).toBe('unknown');
    expect(slow.some((k) => /budget/.test(of(k).detail))).toBe(true);
  });
});

describe('--verify=deep: permission level without changing anything', () => {
  it('classifies all, read-only and restricted keys, and only GETs or write probes that fail validation are sent', async () => {
    const all = fakeKey('project-v2', rng);
    const readOnly = fakeKey('project-v2', rng);
    const restricted = fakeKey('svcacct-v2', rng);
    const admin = fakeKey('admin', rng);
    const { of, server, requestsFor } = await run(
      [['live-all', all], ['read-only', readOnly], ['restricted', restricted], ['admin-read-only', admin]],
      ['--verify=deep'],
    );
    expect(of(all)).toMatchObject({ status: 'live', permission: 'all' });
    expect(of(readOnly)).toMatchObject({ status: 'live', permission: 'read-only' });
    expect(of(restricted)).toMatchObject({ status: 'live', permission: 'restricted' });
    expect((of(restricted).scopes as { denied: string[] }).denied.join(' ')).toContain('files.read');
    expect(of(admin)).toMatchObject({ status: 'live', permission: null, reach: ['admin_api_keys', 'projects'] });
    for (const request of server.requests) {
      if (request.method === 'GET') continue;
      expect(request.method).toBe('POST');
      expect(request.body).toBe('{}'); // no required field: rejected in validation, nothing created or billed
    }
    expect(requestsFor(admin).every((r) => r.method === 'GET' && r.path.startsWith('/v1/organization/'))).toBe(true);
    expect(requestsFor(all).every((r) => !r.path.startsWith('/v1/organization/'))).toBe(true);
    expect(server.requests.some((r) => r.path === '/v1/me')).toBe(false); // personal data only on request
  });

  it('treats a 2xx answer to a write probe as a bug and stops probing that key at once', async () => {
    const key = fakeKey('project-v2', rng);
    const { of, requestsFor } = await run([['write-accepts', key]], ['--verify=deep']);
    expect(of(key)).toMatchObject({ status: 'live', permission: null, detail: expect.stringContaining('write probe was accepted') });
    const posts = requestsFor(key).filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(1);
  });

  it('--verify=deep,owner asks /v1/me and shows the owner redacted', async () => {
    const key = fakeKey('project-v2', rng);
    const { of, result, requestsFor } = await run([['live-all', key]], ['--verify=deep,owner']);
    expect(requestsFor(key).filter((r) => r.path === '/v1/me')).toHaveLength(1);
    expect(of(key).owner).toEqual({ name: 'D***', email: 'd***@example.test', phone: '***23', organizations: ['org-abcd'] });
    expect(result.stdout).not.toContain('dana@example.test');
    expect(result.stdout).not.toContain('5555550123');
  });
});
