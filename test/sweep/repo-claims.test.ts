import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { commit, initRepo } from '../../fixtures/git-fixture.js';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { secretSha256 } from '../../src/detect/identity.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const rng = seededRng(307);
afterEach(() => vi.useRealTimers());
type Json = { findings: Array<{ secretSha256: string }>; ignored?: Array<{ secretSha256: string; suppressed: string }>; repositories: Array<{ status: string; problems: Array<{ code: string; reason: string }> }> };

async function fleetOfOne() {
  const root = await tempDir('keysweep-claims-');
  const repo = join(root, 'r');
  await initRepo(repo);
  const key = fakeKey('project-v2', rng);
  await writeFile(join(root, 'repos.txt'), 'r\n');
  const sweep = async (extra: string[] = []) => {
    const run = await runCli(['sweep', '--repos', 'repos.txt', '--store', 's.db', '--cache-dir', 'cache', '--format', 'json', '--show-ignored', ...extra], { cwd: root });
    return { ...run, report: JSON.parse(run.stdout) as Json };
  };
  return { root, repo, key, sha: secretSha256(key), sweep };
}

describe("a swept repository's own .keysweepignore is judged when the report is made", () => {
  it('an accepted risk the repository claims runs out with its date, though the repository did not change', async () => {
    const { repo, key, sha, sweep } = await fleetOfOne();
    await commit(repo, { 'a.env': `K=${key}\n`, '.keysweepignore': `${sha} accepted-risk until=2026-12-15 # Dev, 2026-11-01T00:00:00Z: demo\n` }, 'a', 1);
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-01T00:00:00Z') });
    const before = await sweep();
    expect(before.code, before.stderr).toBe(0);
    expect(before.report.ignored?.map((f) => [f.secretSha256, f.suppressed])).toEqual([[sha, 'decision']]);
    vi.setSystemTime(new Date('2027-01-10T00:00:00Z'));
    const after = await sweep();
    expect(after.report.repositories.map((r) => r.status)).toEqual(['unchanged']);
    expect(after.code).toBe(1);
    expect(after.report.findings.map((f) => f.secretSha256)).toEqual([sha]);
    // --strict never honours the repository's claim, before or after its date.
    vi.setSystemTime(new Date('2026-12-01T00:00:00Z'));
    expect((await sweep(['--strict'])).report.findings.map((f) => f.secretSha256)).toEqual([sha]);
  });

  it('a claim the repository takes back (its .keysweepignore deleted) no longer hides the key, on an incremental re-sweep', async () => {
    const { repo, key, sha, sweep } = await fleetOfOne();
    await commit(repo, { 'a.env': `K=${key}\n`, '.keysweepignore': `${sha}\n` }, 'a', 1);
    expect((await sweep()).report.ignored?.map((f) => f.suppressed)).toEqual(['ignore-file-secret']);
    await commit(repo, { '.keysweepignore': null }, 'no more claims', 2);
    const after = await sweep();
    expect(after.code).toBe(1);
    expect(after.report.findings.map((f) => f.secretSha256)).toEqual([sha]);
    expect(after.report.ignored ?? []).toEqual([]);
  });

  it('a committed directory named .keysweepignore is a problem of the scan, not a failed repository', async () => {
    const { root, repo, key, sha, sweep } = await fleetOfOne();
    await mkdir(join(repo, '.keysweepignore'));
    await commit(repo, { 'a.env': `K=${key}\n`, '.keysweepignore/x': `${sha}\n` }, 'a', 1);
    const swept = await sweep();
    expect(swept.code).toBe(1);
    expect(swept.report.findings.map((f) => f.secretSha256)).toEqual([sha]);
    expect(swept.report.repositories[0]!.problems).toEqual([expect.objectContaining({ code: 'SUPPRESSIONS_NOT_READ', reason: expect.stringContaining('a tree, not a file') })]);
    const history = await runCli(['history', repo, '--format', 'json'], { cwd: root });
    expect((JSON.parse(history.stdout) as Json).findings.map((f) => f.secretSha256)).toEqual([sha]);
  });
});
