import { describe, expect, it } from 'vitest';
import { FAKE_KEY_KINDS, fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { secretSha256 } from '../../src/detect/identity.js';
import { type Profile, fakeOpenAI } from '../helpers/fake-openai.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir, writeTree } from '../helpers/temp-dir.js';

const rng = seededRng(51);

type Verified = { secretSha256: string; keyType: string; verification: { status: string; permission: string | null; detail: string; projectId?: string; scopes?: { allowed: string[]; denied: string[] }; reach?: string[]; owner?: Record<string, unknown> }; remediation: { revokeUrl: string } };

/** Plants one key per profile, runs `scan --verify…` against the stand-in server, returns verdicts by profile. */
async function verifyProfiles(entries: Array<[Profile, 'project' | 'admin']>, args: string[] = []) {
  const keys = entries.map(([profile, type]) => ({ profile, key: fakeKey(type === 'admin' ? 'admin' : 'project-v2', rng) }));
  const server = await fakeOpenAI(new Map(keys.map(({ profile, key }) => [key, profile])));
  const root = await tempDir();
  await writeTree(root, Object.fromEntries(keys.map(({ profile, key }, i) => [`k${i}-${profile}.env`, `KEY=${key}\n`])));
  const cache = await tempDir();
  const result = await runCli(['scan', '--format', 'json', '--verify', ...args], { cwd: root, env: { KEYSWEEP_OPENAI_BASE_URL: server.url, KEYSWEEP_CACHE_DIR: cache } });
  const report = JSON.parse(result.stdout) as { findings: Verified[] };
  const byProfile = new Map(keys.map(({ profile, key }) => [profile, report.findings.find((f) => f.secretSha256 === secretSha256(key))!]));
  return { byProfile, server, keys, result, report, root, cache };
}

describe('verification verdicts against a stand-in OpenAI API', () => {
  it('checks every key format at the endpoint for its type', async () => {
    const keys = FAKE_KEY_KINDS.map((kind) => ({ kind, key: kind.make(rng) }));
    const server = await fakeOpenAI(new Map(keys.map(({ kind, key }) => [key, (kind.keyType === 'admin' ? 'admin-live' : 'live-all') as Profile])));
    const root = await tempDir();
    await writeTree(root, Object.fromEntries(keys.map(({ kind, key }) => [`${kind.name}.env`, `K=${key}\n`])));
    const { stdout } = await runCli(['scan', '--verify', '--format', 'json'], { cwd: root, env: { KEYSWEEP_OPENAI_BASE_URL: server.url, KEYSWEEP_CACHE_DIR: await tempDir() } });
    const findings = (JSON.parse(stdout) as { findings: Verified[] }).findings;
    expect(findings).toHaveLength(FAKE_KEY_KINDS.length);
    for (const finding of findings) expect(finding.verification.status).toBe('live');
    for (const { kind, key } of keys) {
      const paths = server.requests.filter((r) => r.key === key).map((r) => r.path);
      expect(paths, kind.name).toEqual([kind.keyType === 'admin' ? '/v1/organization/admin_api_keys?limit=1' : '/v1/models']);
    }
  });

  it('live, revoked and unknown, never guessed', async () => {
    const { byProfile, result } = await verifyProfiles([
      ['live-all', 'project'],
      ['revoked', 'project'],
      ['quota', 'project'],
      ['rate-limited', 'project'],
      ['restricted', 'project'],
      ['ip-restricted', 'project'],
      ['region', 'project'],
      ['not-found', 'project'],
      ['malformed', 'project'],
      ['admin-live', 'admin'],
      ['admin-revoked', 'admin'],
      ['admin-read-only', 'admin'],
    ]);
    const status = (p: Profile) => byProfile.get(p)!.verification.status;
    expect(result.code).toBe(1);
    expect(status('live-all')).toBe('live');
    expect(status('revoked')).toBe('revoked');
    expect(status('quota')).toBe('live');
    expect(byProfile.get('quota')!.verification.detail).toContain('insufficient_quota');
    expect(status('rate-limited')).toBe('live');
    expect(status('restricted')).toBe('live'); // 403 missing scopes on /v1/models: authenticated
    expect(byProfile.get('restricted')!.verification.detail).toContain('api.models.read');
    expect(status('ip-restricted')).toBe('live');
    expect(status('region')).toBe('unknown');
    expect(status('not-found')).toBe('unknown');
    expect(status('malformed')).toBe('unknown');
    expect(status('admin-live')).toBe('live');
    expect(status('admin-revoked')).toBe('revoked');
    expect(status('admin-read-only')).toBe('live');
    expect(byProfile.get('live-all')!.verification.projectId).toBe('proj_Abc123def456ghi789jkl012');
    expect(byProfile.get('live-all')!.remediation.revokeUrl).toBe('https://platform.openai.com/settings/proj_Abc123def456ghi789jkl012/api-keys');
  });

  it('sends one request per distinct key, to the right endpoint for its type, and nothing for look-alikes', async () => {
    const project = fakeKey('project-v1', rng);
    const admin = fakeKey('admin', rng);
    const server = await fakeOpenAI(new Map([[project, 'live-all'], [admin, 'admin-live']] as Array<[string, Profile]>));
    const root = await tempDir();
    await writeTree(root, {
      'a.env': `A=${project}\nB=${admin}\n`,
      'b.env': `A=${project}\n`,
      'c/d.json': JSON.stringify({ project, admin }),
      'lookalikes.txt': 'sk-ant-api03-xxxx sk-or-v1-abcdef sk_live_1234567890abcdef sk-0123456789abcdef0123456789abcdef\n',
    });
    const { code } = await runCli(['scan', '--verify', '--format', 'json'], { cwd: root, env: { KEYSWEEP_OPENAI_BASE_URL: server.url, KEYSWEEP_CACHE_DIR: await tempDir() } });
    expect(code).toBe(1);
    expect(server.requests.map((r) => [r.method, r.path, r.key === admin ? 'admin' : r.key === project ? 'project' : r.key]).sort()).toEqual([
      ['GET', '/v1/models', 'project'],
      ['GET', '/v1/organization/admin_api_keys?limit=1', 'admin'],
    ]);
    for (const request of server.requests) {
      expect(request.headers['user-agent']).toMatch(/^keysweep\//);
      expect(request.headers['openai-organization']).toBeUndefined();
    }
  });
});
