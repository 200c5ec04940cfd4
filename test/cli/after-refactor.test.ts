import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, git, initRepo } from '../../fixtures/git-fixture.js';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { secretSha256 } from '../../src/detect/identity.js';
import { type Profile, fakeOpenAI } from '../helpers/fake-openai.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const rng = seededRng(91);

describe('what the re-attack after the refactor found, closed', () => {
  it('locations sort by the path reports show, so "(commit message)" sorts as before', async () => {
    const repo = await tempDir();
    await initRepo(repo);
    const inFile = fakeKey('legacy', rng);
    const inMessage = fakeKey('none', rng);
    await commit(repo, { '!keys': `${inFile}\n` }, `a ${inMessage}`, 1);
    const report = JSON.parse((await runCli(['history', '--format', 'json'], { cwd: repo })).stdout);
    expect(report.findings.map((f: { locations: Array<{ path: string }> }) => f.locations[0]!.path)).toEqual(['!keys', '(commit message)']);
  });

  it('verify reads keys back from commit and tag messages, not only from blobs', async () => {
    const repo = await tempDir();
    await initRepo(repo);
    const inCommit = fakeKey('project-v2', rng);
    const inTag = fakeKey('svcacct-v2', rng);
    await commit(repo, { 'a.txt': 'a\n' }, `deploy with ${inCommit}`, 1);
    git(repo, ['tag', '-a', 'v1', '-m', `release ${inTag}`]);
    const server = await fakeOpenAI(new Map<string, Profile>([[inCommit, 'revoked'], [inTag, 'revoked']]));
    const env = { KEYSWEEP_OPENAI_BASE_URL: server.url, KEYSWEEP_CACHE_DIR: await tempDir() };
    expect((await runCli(['history', '--format', 'json', '-o', 'r.json'], { cwd: repo, env })).code).toBe(1);
    const verified = await runCli(['verify', 'r.json', '--format', 'json'], { cwd: repo, env });
    expect(verified.code, verified.stderr).toBe(0);
    expect(server.requests.map((r) => r.key).sort()).toEqual([inCommit, inTag].sort());
    const statuses = JSON.parse(verified.stdout).findings.map((f: { secretSha256: string; verification: { status: string } }) => [f.secretSha256, f.verification.status]);
    expect(statuses).toContainEqual([secretSha256(inCommit), 'revoked']);
    expect(statuses).toContainEqual([secretSha256(inTag), 'revoked']);
  });

  it('messages that quote a ref name, a hook manager variable or an output path never print a key or an escape', async () => {
    const repo = await tempDir();
    await initRepo(repo);
    const key = fakeKey('project-v2', rng);
    await commit(repo, { 'a.txt': 'a\n' }, 'one', 1);
    git(repo, ['branch', key]);
    const empty = await runCli(['history', '--since-commit', key], { cwd: repo });
    expect(empty.code).toBe(0);
    expect(empty.stderr).toContain('nothing to scan');
    const hook = await runCli(['hook', 'pre-push', '--', 'origin', 'x'], { cwd: repo, env: { PRE_COMMIT_TO_REF: `${key}\u001b[2J`, KEYSWEEP_FAIL_OPEN: '1' } });
    expect(hook.code).toBe(0);
    await writeFile(join(repo, 'b.env'), `K=${fakeKey('legacy', rng)}\n`);
    const out = await runCli(['scan', 'b.env', '--format', 'json', '-o', `out-${key}.json`], { cwd: repo });
    expect(out.code).toBe(1);
    for (const run of [empty, hook, out]) {
      expect(run.stdout + run.stderr).not.toContain(key);
      expect(run.stdout + run.stderr).not.toContain('\u001b');
    }
  });
});
