import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, git, initRepo } from '../../fixtures/git-fixture.js';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { redacted } from '../helpers/redacted.js';
import { gitRun, installHooks } from '../helpers/push-repos.js';
import { tempDir } from '../helpers/temp-dir.js';

const rng = seededRng(43);

async function repoWithHook() {
  const repo = await tempDir();
  await initRepo(repo);
  expect(installHooks(repo, ['--pre-commit']).stdout).toContain('pre-commit hook installed');
  return repo;
}

describe('pre-commit hook, through real git commit', () => {
  it('blocks a staged key, even in the very first commit, and says how to unstage it', async () => {
    const repo = await repoWithHook();
    const key = fakeKey('project-v2', rng);
    await writeFile(join(repo, 'settings.py'), `OPENAI_API_KEY = "${key}"\n`);
    gitRun(repo, ['add', 'settings.py']);
    const result = gitRun(repo, ['commit', '-m', 'first']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('commit blocked');
    expect(result.stderr).toContain(`project key ${redacted(key)}`);
    expect(result.stderr).toContain('settings.py:1');
    expect(result.stderr).toContain('git restore --staged settings.py');
    expect(result.stderr).not.toContain(key);
    expect(gitRun(repo, ['rev-parse', '--verify', '--quiet', 'HEAD']).stdout).toBe('');
  });

  it('honours a triage decision in .keysweepignore, and blocks again when an accepted risk has run out', async () => {
    const repo = await repoWithHook();
    const key = fakeKey('project-v2', rng);
    const { secretSha256 } = await import('../../src/detect/identity.js');
    await writeFile(join(repo, 'fixture.env'), `K=${key}\n`);
    await writeFile(join(repo, '.keysweepignore'), `${secretSha256(key)} used-in-tests # Dana, 2026-11-01T00:00:00Z: test fixture\n`);
    gitRun(repo, ['add', 'fixture.env', '.keysweepignore']);
    expect(gitRun(repo, ['commit', '-m', 'decided']).code).toBe(0);
    await writeFile(join(repo, '.keysweepignore'), `${secretSha256(key)} accepted-risk until=2020-01-01 # Dana, 2019-11-01T00:00:00Z: demo\n`);
    await writeFile(join(repo, 'fixture.env'), `K=${key}\nMORE=1\n`);
    gitRun(repo, ['add', 'fixture.env', '.keysweepignore']);
    const blocked = gitRun(repo, ['commit', '-m', 'expired']);
    expect(blocked.code).not.toBe(0);
    expect(blocked.stderr).toContain('commit blocked');
  });

  it('scans the index, not the work tree: a key only on disk does not block, a staged one does', async () => {
    const repo = await repoWithHook();
    await commit(repo, { 'a.txt': 'a\n' }, 'base', 1);
    const key = fakeKey('legacy', rng);
    await writeFile(join(repo, 'a.txt'), 'a\nclean change\n');
    gitRun(repo, ['add', 'a.txt']);
    await writeFile(join(repo, 'a.txt'), `a\nclean change\nK=${key}\n`); // unstaged
    await writeFile(join(repo, 'untracked.env'), `K=${key}\n`);
    expect(gitRun(repo, ['commit', '-m', 'clean part only']).code).toBe(0);
    gitRun(repo, ['add', 'a.txt']);
    expect(gitRun(repo, ['commit', '-m', 'now with the key']).code).not.toBe(0);
  });

  it('works in the middle of a merge with conflicts resolved by hand', async () => {
    const repo = await repoWithHook();
    await commit(repo, { 'conf.txt': 'base\n' }, 'base', 1);
    git(repo, ['checkout', '-q', '-b', 'other']);
    await commit(repo, { 'conf.txt': 'other\n' }, 'other', 2);
    git(repo, ['checkout', '-q', 'main']);
    await commit(repo, { 'conf.txt': 'mine\n' }, 'mine', 3);
    expect(gitRun(repo, ['merge', 'other']).code).not.toBe(0); // conflict
    const key = fakeKey('svcacct-v1', rng);
    await writeFile(join(repo, 'conf.txt'), `resolved\nK=${key}\n`);
    gitRun(repo, ['add', 'conf.txt']);
    const result = gitRun(repo, ['commit', '--no-edit']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('conf.txt:2');
    await writeFile(join(repo, 'conf.txt'), 'resolved\n');
    gitRun(repo, ['add', 'conf.txt']);
    expect(gitRun(repo, ['commit', '--no-edit']).code).toBe(0);
  });

  it('works during an interactive-style rebase that stops for an edit', async () => {
    const repo = await repoWithHook();
    await commit(repo, { 'x.txt': '1\n' }, 'one', 1);
    await commit(repo, { 'y.txt': '2\n' }, 'two', 2);
    expect(gitRun(repo, ['rebase', '-q', '--exec', 'false', 'HEAD~1']).code).not.toBe(0); // stops mid-rebase
    expect(existsSync(join(repo, '.git', 'rebase-merge'))).toBe(true);
    const key = fakeKey('admin', rng);
    await writeFile(join(repo, 'z.env'), `K=${key}\n`);
    gitRun(repo, ['add', 'z.env']);
    const result = gitRun(repo, ['commit', '-m', 'during rebase']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('ADMIN KEY');
  });
});
