import { readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, git, initRepo } from '../../fixtures/git-fixture.js';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { secretSha256 } from '../../src/detect/identity.js';
import { type Profile, fakeOpenAI } from '../helpers/fake-openai.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const rng = seededRng(303);
type Json = { findings: Array<{ secretSha256: string; decision?: { kind: string; state: string; reason: string; by: string } }>; ignored?: Array<{ secretSha256: string; suppressed: string; decision?: { kind: string; state: string } }> };

async function repoWithKeys() {
  const repo = await tempDir('keysweep-triage-');
  await initRepo(repo);
  git(repo, ['config', 'user.name', 'Tess Triager']);
  git(repo, ['config', 'user.email', 'tess@example.test']);
  const keys = { fixture: fakeKey('project-v2', rng), real: fakeKey('admin', rng) };
  await commit(repo, { 'tests/fixture.env': `K=${keys.fixture}\n`, 'deploy.env': `A=${keys.real}\n` }, 'keys', 1);
  return { repo, keys, sha: { fixture: secretSha256(keys.fixture), real: secretSha256(keys.real) } };
}

describe('keysweep triage set, and every command honouring its decisions', () => {
  it('writes a readable decision line with who, when and why; scan, history and the SARIF report honour it', async () => {
    const { repo, sha, keys } = await repoWithKeys();
    const set = await runCli(['triage', 'set', sha.fixture, '--as', 'used-in-tests', '--reason', `only the test suite uses ${keys.real}`], { cwd: join(repo, 'tests') });
    expect(set.code, set.stderr).toBe(0);
    const file = await readFile(join(repo, '.keysweepignore'), 'utf8');
    expect(file).toMatch(new RegExp(`^${sha.fixture} used-in-tests # Tess Triager <tess@example.test>, \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z: only the test suite uses sk-admin-.{4}….{4}\\n$`));
    expect(file).not.toContain(keys.real);
    for (const args of [['scan', '.'], ['history']]) {
      const run = await runCli([...args, '--format', 'json', '--show-ignored'], { cwd: repo });
      expect(run.code, run.stderr).toBe(1);
      const report = JSON.parse(run.stdout) as Json;
      expect(report.findings.map((f) => f.secretSha256)).toEqual([sha.real]);
      expect(report.ignored?.map((f) => [f.secretSha256, f.suppressed, f.decision?.kind, f.decision?.state])).toEqual([[sha.fixture, 'decision', 'used-in-tests', 'active']]);
    }
    const text = await runCli(['scan', '.', '--show-ignored', '--no-color'], { cwd: repo });
    expect(text.stdout).toMatch(/decision: used-in-tests by Tess Triager <tess@example.test> on \d{4}-\d\d-\d\d: only the test suite uses/);
    const sarif = JSON.parse((await runCli(['scan', '.', '--format', 'sarif'], { cwd: repo })).stdout) as { runs: Array<{ results: Array<{ properties: { secretSha256: string }; suppressions?: Array<{ kind: string; status: string; justification: string }> }> }> };
    const decided = sarif.runs[0]!.results.find((r) => r.properties.secretSha256 === sha.fixture)!;
    expect(decided.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: expect.stringMatching(/^used-in-tests by Tess Triager .*: only the test suite uses/) }]);
    expect(sarif.runs[0]!.results.find((r) => r.properties.secretSha256 === sha.real)!.suppressions).toBeUndefined();
    // Decide again: the same line changes in place; nothing else in the file moves.
    await runCli(['triage', 'set', sha.fixture, '--as', 'false-positive', '--reason', 'not a key after all'], { cwd: repo });
    const again = await readFile(join(repo, '.keysweepignore'), 'utf8');
    expect(again.split('\n')).toHaveLength(2);
    expect(again).toContain(`${sha.fixture} false-positive # Tess Triager`);
  });

  it('an accepted risk past its date is reported again, and so is a key decided revoked that verifies live', async () => {
    const { repo, sha, keys } = await repoWithKeys();
    await writeFile(join(repo, '.keysweepignore'), `${sha.fixture} accepted-risk until=2020-01-31 # Old Owner, 2020-01-01T00:00:00Z: demo only\n`);
    const expired = await runCli(['scan', '.', '--format', 'json'], { cwd: repo });
    const report = JSON.parse(expired.stdout) as Json;
    expect(report.findings.find((f) => f.secretSha256 === sha.fixture)?.decision).toMatchObject({ kind: 'accepted-risk', state: 'expired' });
    expect((await runCli(['scan', '.', '--no-color'], { cwd: repo })).stdout).toContain('REOPENED: accepted risk expired on 2020-01-31');
    const set = await runCli(['triage', 'set', sha.fixture, sha.real, '--as', 'revoked', '--reason', 'rotated in the console'], { cwd: repo });
    expect(set.code, set.stderr).toBe(0);
    expect((await runCli(['scan', '.'], { cwd: repo })).code).toBe(0);
    const server = await fakeOpenAI(new Map<string, Profile>([[keys.fixture, 'live-all'], [keys.real, 'admin-revoked']]));
    const env = { KEYSWEEP_OPENAI_BASE_URL: server.url, KEYSWEEP_CACHE_DIR: await tempDir() };
    const verified = await runCli(['scan', '.', '--verify', '--format', 'json', '--show-ignored'], { cwd: repo, env });
    expect(verified.code, verified.stderr).toBe(1);
    const after = JSON.parse(verified.stdout) as Json;
    expect(after.findings.map((f) => [f.secretSha256, f.decision?.state])).toEqual([[sha.fixture, 'contradicted']]);
    expect(after.ignored?.map((f) => [f.secretSha256, f.suppressed, f.decision?.state])).toEqual([[sha.real, 'decision', 'active']]);
    expect(server.requests.map((r) => r.key).sort()).toEqual([keys.fixture, keys.real].sort());
  });

  it('refuses what would be wrong or unsafe, with the reason', async () => {
    const { repo, sha } = await repoWithKeys();
    const cases: Array<[string[], RegExp]> = [
      [['triage', 'set', sha.fixture, '--reason', 'x'], /--as false-positive\|used-in-tests\|accepted-risk\|revoked/],
      [['triage', 'set', sha.fixture, '--as', 'revoked'], /needs a reason/],
      [['triage', 'set', 'abc', '--as', 'revoked', '--reason', 'x'], /is not a key's SHA-256/],
      [['triage', 'set', sha.fixture, '--as', 'revoked', '--reason', 'x', '--until', '2030-01-01'], /accepted-risk only/],
      [['triage', 'set', sha.fixture, '--as', 'accepted-risk', '--reason', 'x', '--until', '2001-01-01'], /already passed/],
      [['triage', 'set', sha.fixture, '--as', 'accepted-risk', '--reason', 'x', '--path', 'a b'], /without spaces/],
      [['triage', 'set', sha.fixture, '--as', 'revoked', '--reason', 'x', '--store', 'nope.db'], /does not exist/],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(args, { cwd: repo });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
    }
    const target = join(repo, 'victim.txt');
    await writeFile(target, 'precious\n');
    await symlink(target, join(repo, '.keysweepignore'));
    const linked = await runCli(['triage', 'set', sha.fixture, '--as', 'revoked', '--reason', 'x'], { cwd: repo });
    expect(linked.code).toBe(2);
    expect(linked.stderr).toContain('not a regular file');
    expect(await readFile(target, 'utf8')).toBe('precious\n');
  });

  it('a malformed decision line stops scan with the file and line, never half-applies it', async () => {
    const { repo, sha } = await repoWithKeys();
    await writeFile(join(repo, '.keysweepignore'), `${sha.fixture}\n${sha.real} revoked\n`);
    const run = await runCli(['scan', '.'], { cwd: repo });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('.keysweepignore: line 2: a decision needs "# who, when: why" after "revoked"');
  });
});
