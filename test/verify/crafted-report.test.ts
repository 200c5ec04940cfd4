import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { secretSha256 } from '../../src/detect/identity.js';
import { type Profile, fakeOpenAI } from '../helpers/fake-openai.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const rng = seededRng(84);

function report(findings: unknown[]): string {
  return JSON.stringify({ schemaVersion: 1, tool: { name: 'keysweep', version: '0.0.0' }, findings, stats: {}, problems: [] });
}

describe('keysweep verify treats a report as untrusted input', () => {
  it('a key paired with another key\'s hash is not verified and poisons no cache entry', async () => {
    const [attacker, victim] = [fakeKey('project-v2', rng), fakeKey('project-v2', rng)];
    const server = await fakeOpenAI(new Map<string, Profile>([[attacker, 'revoked'], [victim, 'live-all']]));
    const cacheDir = await tempDir();
    const env = { KEYSWEEP_OPENAI_BASE_URL: server.url, KEYSWEEP_CACHE_DIR: cacheDir };
    const dir = await tempDir();
    await writeFile(join(dir, 'poison.json'), report([{ secretSha256: secretSha256(victim), secret: attacker, keyType: 'project', locations: [] }]));
    const poisoned = await runCli(['verify', 'poison.json', '--format', 'json'], { cwd: dir, env });
    expect(poisoned.code).toBe(1);
    expect(JSON.parse(poisoned.stdout).findings[0].verification.status).toBe('unknown');
    expect(server.requests).toHaveLength(0);
    // The victim's own key, verified later, is checked for real: nothing was cached under its hash.
    await writeFile(join(dir, 'real.json'), report([{ secretSha256: secretSha256(victim), secret: victim, locations: [] }]));
    const real = await runCli(['verify', 'real.json', '--format', 'json'], { cwd: dir, env });
    expect(JSON.parse(real.stdout).findings[0].verification).toMatchObject({ status: 'live' });
    expect(server.requests.map((r) => r.key)).toEqual([victim]);
    const cache = JSON.parse(await readFile(join(cacheDir, 'verdicts.json'), 'utf8')) as { entries: Record<string, { verification: { status: string } }> };
    expect(Object.keys(cache.entries)).toEqual([secretSha256(victim)]);
    expect(cache.entries[secretSha256(victim)]!.verification.status).toBe('live');
  });

  it('type, redacted form, id and revocation page come from keysweep, not the report', async () => {
    const key = fakeKey('project-v2', rng);
    const server = await fakeOpenAI(new Map<string, Profile>([[key, 'live-all']]));
    const dir = await tempDir();
    const crafted = {
      id: '\u001b[2J\u001b[Hall clear',
      secretSha256: secretSha256(key),
      secret: key,
      keyType: 'admin',
      format: 'admin',
      redacted: '\u001b]8;;https://evil.test\u0007click\u001b]8;;\u0007',
      remediation: { revokeUrl: 'https://evil.test/revoke', apiRevocation: null, steps: ['send your key to https://evil.test'] },
      locations: [{ source: 'file', path: 'a\u001b[31m\u202eevil', line: 1, column: 1, offset: 0, blobId: '' }],
    };
    await writeFile(join(dir, 'crafted.json'), report([crafted]));
    const env = { KEYSWEEP_OPENAI_BASE_URL: server.url, KEYSWEEP_CACHE_DIR: await tempDir() };
    const text = await runCli(['verify', 'crafted.json'], { cwd: dir, env });
    // A project key goes to the project endpoint whatever the report claims.
    expect(server.requests.map((r) => r.path)).toEqual(['/v1/models']);
    expect(text.stdout).not.toContain('evil.test');
    expect(text.stdout).not.toContain('\u001b');
    expect(text.stdout).not.toContain('\u202e');
    expect(text.stdout).not.toContain('all clear');
    expect(text.stdout).toMatch(/revoke: https:\/\/platform\.openai\.com\//);
    expect(text.stdout).toContain('a\\x1b[31m\\u{202e}evil');
    const json = await runCli(['verify', 'crafted.json', '--format', 'json', '--no-cache'], { cwd: dir, env });
    const finding = JSON.parse(json.stdout).findings[0];
    expect(finding).toMatchObject({ keyType: 'project', format: 'project', id: `ks-${secretSha256(key).slice(0, 16)}` });
    expect(finding.redacted).toBe(`sk-proj-${key.slice(8, 12)}…${key.slice(-4)}`);
    expect(finding.remediation.revokeUrl).toMatch(/^https:\/\/platform\.openai\.com\//);
    expect(json.stdout).not.toContain('\u202e');
  });

  it('reads only a few bytes of a regular file at the reported offset: devices and FIFOs give nothing', async () => {
    const key = fakeKey('legacy', rng);
    const server = await fakeOpenAI(new Map<string, Profile>([[key, 'revoked']]));
    const dir = await tempDir();
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    const big = Buffer.alloc(3 * 1024 * 1024, 0x61);
    const offset = big.length - 300;
    big.write(`${key}\n`, offset, 'latin1');
    await writeFile(join(dir, 'big.txt'), big);
    const at = (path: string, off: number) => ({ source: 'file', path, line: 1, column: 1, offset: off, blobId: '' });
    const locations = [at('/dev/zero', 0), at(join(dir, 'fifo'), 0), at('/dev/urandom', 5), at('big.txt', Number.MAX_SAFE_INTEGER), at('big.txt', offset)];
    await writeFile(join(dir, 'r.json'), report([{ secretSha256: secretSha256(key), locations }]));
    const env = { KEYSWEEP_OPENAI_BASE_URL: server.url, KEYSWEEP_CACHE_DIR: await tempDir() };
    const run = await runCli(['verify', 'r.json', '--format', 'json'], { cwd: dir, env });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(JSON.parse(run.stdout).findings[0].verification.status).toBe('revoked');
    expect(server.requests.map((r) => r.key)).toEqual([key]);
  }, 20_000);

  it('refuses a report that is not a regular file or is too large to be a report', async () => {
    const dir = await tempDir();
    const fromDevice = await runCli(['verify', '/dev/zero'], { cwd: dir });
    expect(fromDevice.code).toBe(2);
    expect(fromDevice.stderr).toContain('is not a regular file');
    execFileSync('truncate', ['-s', '700M', join(dir, 'huge.json')]);
    const huge = await runCli(['verify', 'huge.json'], { cwd: dir });
    expect(huge.code).toBe(2);
    expect(huge.stderr).toContain('over the 268435456-byte limit');
  });
});
