import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, initRepo } from '../../fixtures/git-fixture.js';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { secretSha256 } from '../../src/detect/identity.js';
import { type Profile, fakeOpenAI } from '../helpers/fake-openai.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const rng = seededRng(94);

describe('keysweep sweep --verify', () => {
  it('checks each distinct key once across the whole sweep, stores the verdicts, and shows them again from the store', async () => {
    const root = await tempDir();
    const shared = fakeKey('project-v2', rng);
    const revoked = fakeKey('legacy', rng);
    for (const [name, files] of [['one', { 'a.env': `K=${shared}\n` }], ['two', { 'b.env': `K=${shared}\nOLD=${revoked}\n` }]] as const) {
      await initRepo(join(root, name));
      await commit(join(root, name), files, name, 1);
    }
    await writeFile(join(root, 'repos.txt'), 'one\ntwo\n');
    const server = await fakeOpenAI(new Map<string, Profile>([[shared, 'live-all'], [revoked, 'revoked']]));
    const env = { KEYSWEEP_OPENAI_BASE_URL: server.url, KEYSWEEP_CACHE_DIR: await tempDir() };
    const run = await runCli(['sweep', '--repos', 'repos.txt', '--store', 's.db', '--cache-dir', 'cache', '--verify', '--format', 'json'], { cwd: root, env });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain('verifying 2 distinct key(s)');
    expect(server.requests.map((r) => r.key).sort()).toEqual([shared, revoked].sort());
    const status = (stdout: string) => Object.fromEntries((JSON.parse(stdout).findings as Array<{ secretSha256: string; verification?: { status: string } }>).map((f) => [f.secretSha256, f.verification?.status]));
    expect(status(run.stdout)).toEqual({ [secretSha256(shared)]: 'live', [secretSha256(revoked)]: 'revoked' });
    const stored = await runCli(['report', '--store', 's.db', '--format', 'json'], { cwd: root, env });
    expect(status(stored.stdout)).toEqual(status(run.stdout));
    expect(JSON.parse(stored.stdout).findings[0].verification.status).toBe('live');
  });
});
