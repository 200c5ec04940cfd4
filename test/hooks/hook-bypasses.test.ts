import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, git, initRepo } from '../../fixtures/git-fixture.js';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { redacted } from '../helpers/redacted.js';
import { loadBuiltinRules } from '../../src/rules/load-rules.js';
import { runStagedScan } from '../../src/scan/run-staged-scan.js';
import { openRepo } from '../../src/sources/git/open-repo.js';
import { gitRun, installHooks, pushSetup, remoteHas } from '../helpers/push-repos.js';
import { spawnCli } from '../helpers/spawn-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const rng = seededRng(83);
import { NO_SUPPRESSIONS } from '../../src/suppress/suppressions.js';

describe('hooks cannot be walked around', () => {
  it('pre-commit reads the index git commits: git commit -a and git commit PATH are blocked', async () => {
    const repo = await tempDir();
    await initRepo(repo);
    expect(installHooks(repo, ['--pre-commit']).status).toBe(0);
    await commit(repo, { 'app.py': 'KEY = None\n', 'other.py': 'x = 1\n' }, 'base', 1);
    const key = fakeKey('project-v2', rng);
    await writeFile(join(repo, 'app.py'), `KEY = "${key}"\n`);
    const all = gitRun(repo, ['commit', '-a', '-m', 'with -a']);
    expect(all.code, all.stderr).not.toBe(0);
    expect(all.stderr).toContain(`project key ${redacted(key)}`);
    const byPath = gitRun(repo, ['commit', '-m', 'by path', 'app.py']);
    expect(byPath.code, byPath.stderr).not.toBe(0);
    expect(byPath.stderr).toContain('app.py:1');
    expect(git(repo, ['log', '--format=%s'])).toBe('base\n');
    // A clean `commit -a` still passes: the index being committed is read, not an empty one.
    await writeFile(join(repo, 'app.py'), 'KEY = os.environ["K"]\n');
    const clean = gitRun(repo, ['commit', '-a', '-m', 'clean']);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stderr).toContain('no OpenAI keys in 1 staged file(s)');
  });

  it('a remote named like an option is still a remote name', async () => {
    const { local, remote } = await pushSetup();
    installHooks(local);
    git(local, ['config', 'remote.-h.url', remote]);
    git(local, ['config', 'remote.--max-file-size=1.url', remote]);
    const key = fakeKey('legacy', rng);
    const bad = await commit(local, { 'k.env': `K=${key}\n` }, 'leak', 2);
    for (const name of ['-h', '--max-file-size=1']) {
      const push = gitRun(local, ['push', '--', name, 'main']);
      expect(push.code, `${name}: ${push.stderr}`).not.toBe(0);
      expect(push.stderr, name).toContain('push blocked');
    }
    expect(remoteHas(remote, 'main')).not.toBe(bad);
  });

  it('with a pushurl that differs from url, tracking refs bound nothing: keys the push target lacks are found', async () => {
    const { root, local, remote } = await pushSetup();
    const key = fakeKey('admin', rng);
    const leak = await commit(local, { 'admin.env': `K=${key}\n` }, 'leak', 2);
    await commit(local, { 'admin.env': null }, 'remove', 3);
    git(local, ['push', '-q', 'origin', 'main']); // the fetch server has it; origin/main now names it
    const target = join(root, 'target.git');
    await initRepo(target, { bare: true });
    git(local, ['config', 'remote.origin.pushurl', target]);
    installHooks(local);
    const push = gitRun(local, ['push', 'origin', 'main']);
    expect(push.code, push.stderr).not.toBe(0);
    expect(push.stderr).toContain(`in commit ${leak.slice(0, 12)}`);
    expect(remoteHas(target, 'main')).toBe('');
    // Without the pushurl the same push is bounded by origin/main, which holds the key already.
    git(local, ['config', '--unset', 'remote.origin.pushurl']);
    await commit(local, { 'c.txt': 'c\n' }, 'clean', 4);
    expect(gitRun(local, ['push', 'origin', 'main']).code).toBe(0);
    expect(remoteHas(remote, 'main')).not.toBe('');
  });

  it('pre-commit framework: a first push with no range checks the local branch, and fails closed when nothing is named', async () => {
    const { local, remote } = await pushSetup();
    git(local, ['checkout', '-q', '-b', 'feature']);
    const key = fakeKey('none', rng);
    await commit(local, { 'f.env': `K=${key}\n` }, 'feature leak', 2);
    const env = { PRE_COMMIT: '1', PRE_COMMIT_REMOTE_NAME: 'origin', PRE_COMMIT_REMOTE_URL: remote, PRE_COMMIT_REMOTE_BRANCH: 'refs/heads/feature', PRE_COMMIT_LOCAL_BRANCH: 'refs/heads/feature' };
    const blocked = spawnCli(['hook', 'pre-push'], { cwd: local, env });
    expect(blocked.code, blocked.stderr).toBe(1);
    expect(blocked.stderr).toContain('push blocked');
    expect(blocked.stderr).toContain('pre-commit framework');
    // Another local branch the remote lacks is checked too: the framework passes only the first ref.
    git(local, ['checkout', '-q', 'main']);
    const onMain = spawnCli(['hook', 'pre-push'], { cwd: local, env: { ...env, PRE_COMMIT_LOCAL_BRANCH: 'refs/heads/main', PRE_COMMIT_REMOTE_BRANCH: 'refs/heads/main' } });
    expect(onMain.code, onMain.stderr).toBe(1);
    const unnamed = spawnCli(['hook', 'pre-push'], { cwd: local, env: { PRE_COMMIT: '1', PRE_COMMIT_REMOTE_NAME: 'origin', PRE_COMMIT_LOCAL_BRANCH: 'refs/heads/nope' } });
    expect(unnamed.code).toBe(2);
    expect(unnamed.stderr).toContain('cannot tell what is pushed');
    // Plain git with nothing on standard input (nothing to push) stays a clean exit.
    expect(spawnCli(['hook', 'pre-push', '--', 'origin', remote], { cwd: local }).code).toBe(0);
  });

  it('hooks scan blobs over --max-file-size; a blob over the hard limit is named and blocks', async () => {
    const { local } = await pushSetup();
    installHooks(local);
    const key = fakeKey('project-v2', rng);
    const big = `${'x'.repeat(4096)}\nK=${key}\n`;
    await commit(local, { 'big.txt': big }, 'big', 2);
    const head = git(local, ['rev-parse', 'HEAD']).trim();
    const push = spawnCli(['hook', 'pre-push', '--max-file-size', '1KiB', '--', 'origin', 'u'], { cwd: local, input: `refs/heads/main ${head} refs/heads/main ${'0'.repeat(40)}\n` });
    expect(push.code, push.stderr).toBe(1);
    expect(push.stderr).toContain('big.txt:2');
    // Past the hard limit (here set small, in-process): the blob is a named problem, not a silent skip.
    await writeFile(join(local, 'huge.txt'), big);
    git(local, ['add', 'huge.txt']);
    const repo = await openRepo(local, { cwd: local, env: process.env, trustOwner: false });
    const result = await runStagedScan(repo, null, loadBuiltinRules(), NO_SUPPRESSIONS, 1024);
    expect(result.problems).toEqual([expect.objectContaining({ path: 'huge.txt', code: 'TOO_LARGE' })]);
    expect(result.findings).toHaveLength(0);
  });
});
