import { chmod, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, git, initRepo } from '../../fixtures/git-fixture.js';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { findingFor, historyJson } from '../helpers/history-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const rng = seededRng(34);

async function repoWithKey() {
  const repo = await tempDir();
  await initRepo(repo);
  const key = fakeKey('project-v2', rng);
  await commit(repo, { 'a.txt': 'one\n' }, 'one', 1);
  await commit(repo, { 'b.env': `K=${key}\n` }, 'two', 2);
  await commit(repo, { 'c.txt': 'three\n' }, 'three', 3);
  return { repo, key };
}

describe('history on special repositories', () => {
  it('scans a bare repository and a linked worktree', async () => {
    const { repo, key } = await repoWithKey();
    const parent = await tempDir();
    git(parent, ['clone', '-q', '--bare', repo, 'bare.git']);
    const bare = await historyJson(join(parent, 'bare.git'));
    expect(bare.code).toBe(1);
    expect(findingFor(bare.report, key)!.locations[0]).toMatchObject({ path: 'b.env', inHead: true });
    expect(bare.report.stats.git).toMatchObject({ bare: true });
    git(repo, ['worktree', 'add', '-q', join(parent, 'wt'), '-b', 'wt-branch']);
    const worktree = await historyJson(join(parent, 'wt'));
    expect(findingFor(worktree.report, key)).toBeDefined();
  });

  it('scans a shallow clone as far as it goes and says so', async () => {
    const { repo, key } = await repoWithKey();
    const parent = await tempDir();
    git(parent, ['clone', '-q', '--depth', '1', `file://${repo}`, 'shallow']);
    const { code, report, stdout } = await historyJson(join(parent, 'shallow'));
    expect(code).toBe(1);
    expect(report.stats.git).toMatchObject({ shallow: true, commits: 1 });
    expect(findingFor(report, key)).toBeDefined();
    const text = await (await import('../helpers/run-cli.js')).runCli(['history', join(parent, 'shallow')], { cwd: parent });
    expect(text.stdout + stdout).toContain('shallow clone: history scanned as far as it goes');
  });

  it('fails closed: empty repository, not a repository, corrupt repository', async () => {
    const empty = await tempDir();
    await initRepo(empty);
    const e = await historyJson(empty);
    expect(e.code).toBe(2);
    expect(e.stderr).toContain('empty repository');

    const plain = await tempDir();
    const p = await historyJson(plain);
    expect(p.code).toBe(2);
    expect(p.stderr).toContain('not a git repository');

    const { repo } = await repoWithKey();
    const blob = git(repo, ['rev-parse', 'HEAD:c.txt']).trim();
    await rm(join(repo, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
    const c = await historyJson(repo);
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('1 object(s) are missing');
    // The report is still written, with the missing blob named and the key found in what could be read.
    expect(c.report.problems).toContainEqual(expect.objectContaining({ path: `object ${blob}`, code: 'MISSING_OBJECT' }));
    expect(c.report.findings).toHaveLength(1);
    const text = await (await import('../helpers/run-cli.js')).runCli(['history', repo], { cwd: repo });
    expect(text.code).toBe(2);
    expect(text.stdout).toContain('INCOMPLETE');
    expect(text.stdout + text.stderr).not.toMatch(/no findings/);
  });

  it('counts submodules (not descended into), LFS pointers and blobs over the size limit', async () => {
    const sub = await tempDir();
    await initRepo(sub);
    await commit(sub, { 'lib.txt': 'lib\n' }, 'lib', 1);
    const { repo, key } = await repoWithKey();
    git(repo, ['-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub, 'vendor/lib']);
    await commit(repo, {
      'model.bin': 'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n',
      'big.log': `${'x'.repeat(3000)}\n`,
    }, 'assets', 5);
    const { report } = await historyJson(repo, ['--max-file-size', '2KiB']);
    expect(report.stats.git).toMatchObject({ submodules: ['vendor/lib'], lfsPointers: 1 });
    expect(report.stats.skipped['too-large']).toBe(1);
    expect(findingFor(report, key)).toBeDefined();
  });

  // Giving the repository to another user needs root (CI runs as root).
  it.runIf(process.getuid?.() === 0)('names the dubious-ownership refusal and allows one repository with --trust-owner', async () => {
    const { repo, key } = await repoWithKey();
    const { execFileSync } = await import('node:child_process');
    execFileSync('chown', ['-R', 'nobody:nogroup', repo]);
    await chmod(repo, 0o755);
    const refused = await historyJson(repo);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('dubious ownership');
    expect(refused.stderr).toContain('--trust-owner');
    const trusted = await historyJson(repo, ['--trust-owner']);
    expect(trusted.code).toBe(1);
    expect(findingFor(trusted.report, key)).toBeDefined();
    expect(await readdir(repo)).toContain('.git');
  });
});
