import { mkdir, readdir, rename, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, git, initRepo } from '../../fixtures/git-fixture.js';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { secretSha256 } from '../../src/detect/identity.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const rng = seededRng(1313);
type Report = { findings: Array<{ secretSha256: string }>; stats: { git: { reader: { kind: string; fallback?: string } } } };

async function history(repo: string): Promise<{ code: number; report: Report }> {
  const run = await runCli(['history', '.', '--format', 'json'], { cwd: repo });
  return { code: run.code, report: JSON.parse(run.stdout) as Report };
}

async function repoWithKey(): Promise<{ repo: string; key: string }> {
  const repo = await tempDir('keysweep-fallback-');
  await initRepo(repo);
  const key = fakeKey('project-v2', rng);
  await commit(repo, { 'a.env': `K=${key}\n`, 'b.txt': 'b\n' }, 'keys', 1);
  git(repo, ['repack', '-a', '-d', '-q']);
  return { repo, key };
}

describe('stores the pack reader leaves to git, and says why', () => {
  it('objects borrowed from another repository (alternates): git reads them, the key is found', async () => {
    const { repo: origin, key } = await repoWithKey();
    const root = await tempDir();
    git(root, ['clone', '-q', '--shared', origin, 'borrower']);
    const { code, report } = await history(join(root, 'borrower'));
    expect(code).toBe(1);
    expect(report.stats.git.reader).toEqual({ kind: 'git', fallback: 'objects borrowed from another repository (objects/info/alternates)' });
    expect(report.findings.map((f) => f.secretSha256)).toEqual([secretSha256(key)]);
  });

  it('a SHA-256 repository', async () => {
    const repo = await tempDir();
    git(repo, ['init', '-q', '--object-format=sha256', '--initial-branch=main']);
    const key = fakeKey('admin', rng);
    await commit(repo, { 'a.env': `K=${key}\n` }, 'key', 1);
    const { code, report } = await history(repo);
    expect(code).toBe(1);
    expect(report.stats.git.reader).toEqual({ kind: 'git', fallback: 'sha256 object ids' });
    expect(report.findings.map((f) => f.secretSha256)).toEqual([secretSha256(key)]);
  });

  it('a partial clone: git names what it lacks', async () => {
    const { repo: origin, key } = await repoWithKey();
    git(origin, ['config', 'uploadpack.allowFilter', 'true']);
    const root = await tempDir();
    git(root, ['clone', '-q', '--no-local', '--filter=blob:none', `file://${origin}`, 'partial']);
    const { report } = await history(join(root, 'partial'));
    expect(report.stats.git.reader).toEqual({ kind: 'git', fallback: 'a partial clone (git names what it lacks)' });
    // The checkout fetched the tip's blobs: the key is there.
    expect(report.findings.map((f) => f.secretSha256)).toEqual([secretSha256(key)]);
  });

  it('a loose object that is a symlink, and a pack that is one: nothing is opened through them', async () => {
    const { repo, key } = await repoWithKey();
    // A new loose object, moved aside and linked back.
    await commit(repo, { 'c.txt': 'c\n' }, 'more', 2);
    const id = git(repo, ['rev-parse', 'HEAD:c.txt']).trim();
    const loose = join(repo, '.git', 'objects', id.slice(0, 2), id.slice(2));
    await rename(loose, `${loose}.real`);
    await symlink(`${loose}.real`, loose);
    const looseRun = await history(repo);
    expect(looseRun.report.stats.git.reader).toEqual({ kind: 'git', fallback: `objects/${id.slice(0, 2)}/${id.slice(2)} is not a regular file` });
    expect(looseRun.report.findings.map((f) => f.secretSha256)).toEqual([secretSha256(key)]);
    const packDir = join(repo, '.git', 'objects', 'pack');
    const pack = (await readdir(packDir)).find((name) => name.endsWith('.pack'))!;
    await mkdir(join(repo, 'elsewhere'));
    await rename(join(packDir, pack), join(repo, 'elsewhere', pack));
    await symlink(join(repo, 'elsewhere', pack), join(packDir, pack));
    const packRun = await history(repo);
    expect(packRun.report.stats.git.reader).toMatchObject({ kind: 'git', fallback: expect.stringMatching(/is not a regular file$/) });
    expect(packRun.report.findings.map((f) => f.secretSha256)).toEqual([secretSha256(key)]);
  });

  it('refuses a reader or thread count it does not know, with exit 2 and the flag named', async () => {
    const { repo } = await repoWithKey();
    for (const [args, message] of [
      [['--reader', 'fast'], '--reader takes packs or git, not "fast"'],
      [['--threads', '0'], '--threads'],
    ] as const) {
      const run = await runCli(['history', '.', ...args], { cwd: repo });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(message);
    }
  });

  it('reads the packs itself otherwise, and says how many objects git printed', async () => {
    const { repo, key } = await repoWithKey();
    const { code, report } = await history(repo);
    expect(code).toBe(1);
    expect(report.stats.git.reader).toMatchObject({ kind: 'packs', packs: 1 });
    expect(report.findings.map((f) => f.secretSha256)).toEqual([secretSha256(key)]);
  });
});
