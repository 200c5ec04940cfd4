import { chmod, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, git, initRepo } from '../../fixtures/git-fixture.js';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { secretSha256 } from '../../src/detect/identity.js';
import { spawnCli } from '../helpers/spawn-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const rng = seededRng(81);

/**
 * A repository that lacks one object and names promisor remotes whose "fetch" runs a command: through
 * `ext::` (allowed per protocol, which beats protocol.allow=never) and through file:// with a hostile
 * uploadpack. Any git process that tries to lazy-fetch the missing object runs one of them.
 */
async function promisorRepo() {
  const repo = await tempDir('keysweep-promisor-');
  const canaries = await tempDir('keysweep-canaries-');
  const decoy = await tempDir('keysweep-decoy-');
  await initRepo(repo);
  await initRepo(decoy, { bare: true });
  const key = fakeKey('project-v2', rng);
  await commit(repo, { 'app.py': `KEY = "${key}"\n`, 'gone.txt': 'this blob will be missing\n' }, 'initial', 1);
  await commit(repo, { 'notes.txt': 'more\n' }, 'second', 2);
  const missing = git(repo, ['rev-parse', 'HEAD:gone.txt']).trim();
  await rm(join(repo, '.git', 'objects', missing.slice(0, 2), missing.slice(2)));
  const settings: Array<[string, string]> = [
    ['remote.origin.promisor', 'true'],
    ['remote.origin.url', `ext::sh -c touch% ${join(canaries, 'ext')}`],
    ['protocol.ext.allow', 'always'],
    ['remote.second.promisor', 'true'],
    ['remote.second.url', `file://${decoy}`],
    ['remote.second.uploadpack', `touch ${join(canaries, 'uploadpack')} #`],
    ['protocol.file.allow', 'always'],
  ];
  for (const [name, value] of settings) git(repo, ['config', name, value]);
  return { repo, canaries, key, missing };
}

describe('a scanned repository cannot make git reach a transport', () => {
  it('no command lazy-fetches through a promisor remote; missing objects are named and exit 2', async () => {
    const { repo, canaries, key, missing } = await promisorRepo();
    const scopes = [[], ['--branch', 'main'], ['--since-commit', 'HEAD~1'], ['--range', 'HEAD~1..HEAD'], ['--unreachable'], ['--trust-owner']];
    for (const scope of scopes) {
      const run = spawnCli(['history', '--format', 'json', ...scope], { cwd: repo });
      const label = `history ${scope.join(' ')}: ${run.stderr}`;
      if (scope[0] === '--range' || scope[0] === '--since-commit') {
        // The missing blob is not in these scopes: they are clean and complete.
        expect(run.code, label).toBe(0);
        continue;
      }
      expect(run.code, label).toBe(2);
      const report = JSON.parse(run.stdout) as { findings: Array<{ secretSha256: string }>; problems: Array<{ path: string; code: string }> };
      expect(report.findings.map((f) => f.secretSha256), label).toContain(secretSha256(key));
      expect(report.problems, label).toContainEqual(expect.objectContaining({ path: `object ${missing}`, code: 'MISSING_OBJECT' }));
      expect(report.problems.map((p) => p.code), label).toContain('PARTIAL_CLONE');
    }
    const text = spawnCli(['history'], { cwd: repo });
    expect(text.code).toBe(2);
    expect(text.stdout).not.toContain('no findings');
    expect(text.stdout).toContain(`object ${missing}`);
    const head = git(repo, ['rev-parse', 'HEAD']).trim();
    const pushed = spawnCli(['hook', 'pre-push', '--', 'origin', 'https://example.test/r.git'], { cwd: repo, input: `refs/heads/main ${head} refs/heads/main ${'0'.repeat(40)}\n` });
    expect(pushed.code, pushed.stderr).toBe(1);
    const reportPath = join(canaries, '..', `promisor-report-${process.pid}.json`);
    expect(spawnCli(['history', '--format', 'json', '-o', reportPath], { cwd: repo }).code).toBe(2);
    const verified = spawnCli(['verify', reportPath, '--no-cache', '--verify-timeout', '2'], { cwd: repo, env: { KEYSWEEP_OPENAI_BASE_URL: 'http://127.0.0.1:9' } });
    expect(verified.code, verified.stderr).toBe(1);
    // The sweep scans it through the same hardened runner: the key is found, the missing object named, nothing runs.
    const list = join(canaries, '..', `promisor-list-${process.pid}.txt`);
    await writeFile(list, `${repo}\n`);
    const swept = spawnCli(['sweep', '--repos', list, '--store', join(canaries, '..', `promisor-${process.pid}.db`), '--format', 'json', '--quiet'], { cwd: repo });
    expect(swept.code, swept.stderr).toBe(1);
    expect(JSON.parse(swept.stdout).repositories[0].problems.map((p: { code: string }) => p.code)).toContain('MISSING_OBJECT');
    expect(await readdir(canaries)).toEqual([]);
    // The same repository does run the command for git used the ordinary way, so the silence above means something.
    try {
      git(repo, ['cat-file', '-p', missing]);
    } catch {
      // the "fetch" is not a real one: cat-file fails after running it
    }
    expect((await readdir(canaries)).length).toBeGreaterThan(0);
  });

  // Giving the repository to another user needs root (CI runs as root); as a normal user there is no other user's repository to make.
  it.runIf(process.getuid?.() === 0)('--trust-owner on another user\'s hostile repository still reaches no transport', async () => {
    const { repo, canaries, key } = await promisorRepo();
    const { execFileSync } = await import('node:child_process');
    execFileSync('chown', ['-R', 'nobody:nogroup', repo]);
    const refused = spawnCli(['history', repo], { cwd: canaries });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('dubious ownership');
    const trusted = spawnCli(['history', repo, '--trust-owner', '--format', 'json'], { cwd: canaries });
    expect(trusted.code, trusted.stderr).toBe(2);
    expect(JSON.parse(trusted.stdout).findings.map((f: { secretSha256: string }) => f.secretSha256)).toContain(secretSha256(key));
    expect(await readdir(canaries)).toEqual([]);
  });

  it('never runs a git that a relative PATH entry finds inside the scanned repository', async () => {
    const repo = await tempDir('keysweep-pathgit-');
    const canaries = await tempDir('keysweep-canaries-');
    await initRepo(repo);
    const key = fakeKey('legacy', rng);
    const fake = `#!/bin/sh\ntouch ${join(canaries, 'fake-git')}\nexit 0\n`;
    await commit(repo, { 'git': fake, 'bin/git': fake, 'app.env': `K=${key}\n` }, 'a committed git', 1);
    await chmod(join(repo, 'git'), 0o755);
    await chmod(join(repo, 'bin', 'git'), 0o755);
    const path = `.:bin::${process.env.PATH ?? '/usr/bin:/bin'}`;
    const history = spawnCli(['history', '--format', 'json'], { cwd: repo, env: { PATH: path } });
    expect(history.code, history.stderr).toBe(1);
    expect(JSON.parse(history.stdout).findings[0].secretSha256).toBe(secretSha256(key));
    const head = git(repo, ['rev-parse', 'HEAD']).trim();
    expect(spawnCli(['hook', 'pre-push', '--', 'origin', 'u'], { cwd: repo, env: { PATH: path }, input: `refs/heads/main ${head} refs/heads/main ${'0'.repeat(40)}\n` }).code).toBe(1);
    await writeFile(join(repo, 'staged.env'), `K=${fakeKey('none', rng)}\n`);
    git(repo, ['add', 'staged.env']);
    expect(spawnCli(['hook', 'pre-commit'], { cwd: repo, env: { PATH: path } }).code).toBe(1);
    expect(await readdir(canaries)).toEqual([]);
    // With only relative entries there is no git to run: a clear error, not the committed one.
    const none = spawnCli(['history'], { cwd: repo, env: { PATH: '.:bin' } });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no git executable in the absolute entries of PATH');
    expect(await readdir(canaries)).toEqual([]);
  });
});
