import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { commit, initRepo } from '../../fixtures/git-fixture.js';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { secretSha256 } from '../../src/detect/identity.js';
import { openSweepStore } from '../../src/sweep/sweep-store.js';
import { type Profile, fakeOpenAI } from '../helpers/fake-openai.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const rng = seededRng(304);
type Json = {
  findings: Array<{ secretSha256: string; decision?: { kind: string; state: string }; verification?: { status: string } }>;
  ignored?: Array<{ secretSha256: string; suppressed: string; decision?: { kind: string; state: string } }>;
};

describe('triage decisions in a sweep store', () => {
  it('close keys across sweeps, are kept append-only, and reopen a key decided revoked that verifies live again, even in an unchanged repository', async () => {
    const root = await tempDir('keysweep-sweep-decide-');
    const keys = { a: fakeKey('project-v2', rng), b: fakeKey('legacy', rng) };
    await initRepo(join(root, 'one'));
    await commit(join(root, 'one'), { 'a.env': `K=${keys.a}\nB=${keys.b}\n` }, 'one', 1);
    await writeFile(join(root, 'repos.txt'), 'one\n');
    const profiles = new Map<string, Profile>([[keys.a, 'revoked'], [keys.b, 'revoked']]);
    const server = await fakeOpenAI(profiles);
    const env = { KEYSWEEP_OPENAI_BASE_URL: server.url, KEYSWEEP_CACHE_DIR: await tempDir() };
    const sweep = (extra: string[] = []) => runCli(['sweep', '--repos', 'repos.txt', '--store', 's.db', '--cache-dir', 'cache', '--format', 'json', '--show-ignored', ...extra], { cwd: root, env });
    expect((await sweep()).code).toBe(1);
    const [a, b] = [secretSha256(keys.a), secretSha256(keys.b)];
    expect((await runCli(['triage', 'set', a, '--as', 'used-in-tests', '--reason', 'first thought', '--store', 's.db'], { cwd: root, env })).code).toBe(0);
    expect((await runCli(['triage', 'set', a, b, '--as', 'revoked', '--reason', 'rotated', '--store', 's.db'], { cwd: root, env })).code).toBe(0);
    const closed = await sweep();
    expect(closed.code, closed.stderr).toBe(0);
    const report = JSON.parse(closed.stdout) as Json;
    expect(report.findings).toEqual([]);
    expect(report.ignored?.map((f) => [f.secretSha256, f.suppressed, f.decision?.kind]).sort()).toEqual([[a, 'decision', 'revoked'], [b, 'decision', 'revoked']].sort());
    // Every decision is kept: the history of who decided what.
    const db = new Database(join(root, 's.db'), { readonly: true });
    expect(db.prepare('SELECT sha256, kind FROM decision_log ORDER BY id').all()).toEqual([{ sha256: a, kind: 'used-in-tests' }, { sha256: a, kind: 'revoked' }, { sha256: b, kind: 'revoked' }]);
    db.close();
    // Key a comes back to life. The repository has not changed, so nothing is rescanned; --verify reads the
    // decided-revoked keys back from the repository and checks them again.
    profiles.set(keys.a, 'live-all');
    const reopened = await sweep(['--verify']);
    expect(reopened.code, reopened.stderr).toBe(1);
    const after = JSON.parse(reopened.stdout) as Json;
    expect(after.findings.map((f) => [f.secretSha256, f.decision?.state, f.verification?.status])).toEqual([[a, 'contradicted', 'live']]);
    expect(after.ignored?.map((f) => f.secretSha256)).toEqual([b]);
    const stored = await runCli(['report', '--store', 's.db', '--no-color'], { cwd: root, env });
    expect(stored.code).toBe(1);
    expect(stored.stdout).toContain('REOPENED: decided revoked, but the key verifies live');
  });

  it('an accepted risk whose date has passed is reported again, with --new-only too', async () => {
    const root = await tempDir('keysweep-sweep-decide-');
    const key = fakeKey('admin', rng);
    await initRepo(join(root, 'one'));
    await commit(join(root, 'one'), { 'a.env': `K=${key}\n` }, 'one', 1);
    await writeFile(join(root, 'repos.txt'), 'one\n');
    const sweep = (extra: string[] = []) => runCli(['sweep', '--repos', 'repos.txt', '--store', 's.db', '--cache-dir', 'cache', '--format', 'json', ...extra], { cwd: root });
    expect((await sweep()).code).toBe(1);
    const store = openSweepStore(join(root, 's.db'), 'existing');
    store.recordDecisions([{ sha256: secretSha256(key), kind: 'accepted-risk', reason: 'vendor demo', by: 'Old Owner', at: '2020-01-01T00:00:00Z', until: '2020-06-30', path: null }]);
    store.close();
    const again = await sweep(['--new-only']);
    expect(again.code, again.stderr).toBe(1);
    expect((JSON.parse(again.stdout) as Json).findings.map((f) => [f.secretSha256, f.decision?.kind, f.decision?.state])).toEqual([[secretSha256(key), 'accepted-risk', 'expired']]);
  });
});
