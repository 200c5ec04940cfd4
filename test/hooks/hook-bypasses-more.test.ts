import { chmod, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, git, initRepo } from '../../fixtures/git-fixture.js';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { secretSha256 } from '../../src/detect/identity.js';
import { historyJson } from '../helpers/history-cli.js';
import { gitRun, installHooks, pushSetup, remoteHas } from '../helpers/push-repos.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const rng = seededRng(86);

describe('more ways around the hooks, closed', () => {
  it('the installed hook uses shell built-ins only: a committed cat or dirname on a relative PATH never runs', async () => {
    const { local } = await pushSetup();
    const canaries = await tempDir('keysweep-canaries-');
    for (const tool of ['cat', 'dirname']) {
      await writeFile(join(local, tool), `#!/bin/sh\ntouch ${join(canaries, tool)}\nexec /usr/bin/${tool} "$@"\n`);
      await chmod(join(local, tool), 0o755);
    }
    await commit(local, { 'notes.txt': 'x\n' }, 'tools', 2);
    installHooks(local, ['--pre-commit']);
    const key = fakeKey('project-v2', rng);
    await writeFile(join(local, 'k.env'), `K=${key}\n`);
    gitRun(local, ['add', 'k.env']);
    const path = `.:${process.env.PATH ?? '/usr/bin:/bin'}`;
    const blocked = gitRun(local, ['commit', '-m', 'leak'], { PATH: path });
    expect(blocked.code).not.toBe(0);
    expect(blocked.stderr).toContain('commit blocked');
    expect(gitRun(local, ['push', 'origin', 'main'], { PATH: path }).code).toBe(0);
    expect(await readdir(canaries)).toEqual([]);
  });

  it('tracking refs do not bound a push when the remote has several urls, or belong to a remote named "<remote>/x"', async () => {
    const { root, local, remote } = await pushSetup();
    const key = fakeKey('legacy', rng);
    const leak = await commit(local, { 'old.env': `K=${key}\n` }, 'old leak', 2);
    git(local, ['push', '-q', 'origin', 'main']);
    const second = join(root, 'second.git');
    await initRepo(second, { bare: true });
    git(local, ['config', '--add', 'remote.origin.url', second]);
    installHooks(local);
    git(local, ['checkout', '-q', '-b', 'feat']);
    await commit(local, { 'c.txt': 'c\n' }, 'clean', 3);
    // git pushes to both urls; the second server has nothing, so the old leak is new to it.
    const push = gitRun(local, ['push', 'origin', 'feat']);
    expect(push.code).not.toBe(0);
    expect(push.stderr).toContain(`in commit ${leak.slice(0, 12)}`);
    expect(remoteHas(second, 'feat')).toBe('');

    // A remote "o" and a remote "o/x": what o/x holds says nothing about o.
    const { local: other, remote: oTarget } = await pushSetup();
    git(other, ['remote', 'rename', 'origin', 'o']);
    const leaky = await tempDir();
    await initRepo(leaky, { bare: true });
    git(other, ['checkout', '-q', '-b', 'side']);
    const sideLeak = await commit(other, { 's.env': `K=${fakeKey('none', rng)}\n` }, 'side leak', 2);
    git(other, ['config', 'remote.o/x.url', leaky]);
    git(other, ['config', 'remote.o/x.fetch', '+refs/heads/*:refs/remotes/o/x/*']);
    git(other, ['push', '-q', 'o/x', 'side']);
    git(other, ['fetch', '-q', 'o/x']);
    installHooks(other);
    const toO = gitRun(other, ['push', 'o', 'side']);
    expect(toO.code).not.toBe(0);
    expect(toO.stderr).toContain(`in commit ${sideLeak.slice(0, 12)}`);
    expect(remoteHas(oTarget, 'side')).toBe('');
    expect(remote).not.toBe(oTarget);
  });

  it('a commit or tag message over the size limit is counted as skipped, never dropped silently', async () => {
    const repo = await tempDir();
    await initRepo(repo);
    await commit(repo, { 'a.txt': 'a\n' }, 'base', 1);
    const key = fakeKey('project-v2', rng);
    await writeFile(join(repo, 'msg'), `${'x'.repeat(3000)}\nK=${key}\n`);
    git(repo, ['tag', '-a', 'v1', '-F', 'msg']);
    const { report } = await historyJson(repo, ['--max-file-size', '1KiB']);
    expect(report.stats.skipped['too-large']).toBe(1);
    const full = await historyJson(repo);
    expect(full.report.findings.map((f) => f.secretSha256)).toContain(secretSha256(key));
  });

  it('verify escapes and redacts every location field a report carries, the date too; git errors are escaped', async () => {
    const dir = await tempDir();
    const key = fakeKey('legacy', rng);
    const crafted = { secretSha256: secretSha256(key), locations: [{ source: 'git', path: 'p', line: 1, column: 1, offset: 0, blobId: 'a'.repeat(40), commit: 'b'.repeat(40), date: `\u001b[2J ${key}`, author: `\u001b[5m${key}` }] };
    await writeFile(join(dir, 'r.json'), JSON.stringify({ schemaVersion: 1, findings: [crafted], stats: {}, problems: [] }));
    for (const format of ['text', 'json']) {
      const run = await runCli(['verify', 'r.json', '--format', format, '--no-cache'], { cwd: dir, env: { KEYSWEEP_OPENAI_BASE_URL: 'http://127.0.0.1:9' } });
      expect(run.stdout + run.stderr, format).not.toContain(key);
      expect(run.stdout + run.stderr, format).not.toContain('\u001b');
    }
    const repo = await tempDir();
    await initRepo(repo);
    await commit(repo, { 'a.txt': 'a\n' }, 'base', 1);
    const bad = await runCli(['history', '--branch', 'ev\u202eil\u009b'], { cwd: repo });
    expect(bad.code).toBe(2);
    expect(bad.stderr).not.toMatch(/[\u202e\u009b]/);
  });
});
