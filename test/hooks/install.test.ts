import { chmod, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, git } from '../../fixtures/git-fixture.js';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { secretSha256 } from '../../src/detect/identity.js';
import { gitRun, installHooks, pushSetup } from '../helpers/push-repos.js';
import { spawnCli } from '../helpers/spawn-cli.js';

const rng = seededRng(42);

describe('hook install and escape hatches', () => {
  it('is idempotent, refuses a foreign hook without --force, chains it with --force, and uninstall restores it', async () => {
    const { local, root } = await pushSetup();
    const hooks = join(local, '.git', 'hooks');
    const marker = join(root, 'previous-hook-ran');
    await writeFile(join(hooks, 'pre-push'), `#!/bin/sh\ncat > ${marker}\n`);
    await chmod(join(hooks, 'pre-push'), 0o755);
    const refused = installHooks(local);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--force to chain it');
    expect(installHooks(local, ['--force']).stdout).toContain('existing hook was chained');
    expect(installHooks(local, ['--force']).stdout).toContain('reinstalled');
    const once = await readFile(join(hooks, 'pre-push'), 'utf8');
    expect(installHooks(local).status).toBe(0);
    expect(await readFile(join(hooks, 'pre-push'), 'utf8')).toBe(once);
    const key = fakeKey('project-v1', rng);
    await commit(local, { 'k.env': `K=${key}\n` }, 'leak', 2);
    const push = gitRun(local, ['push', 'origin', 'main']);
    expect(push.code).not.toBe(0);
    expect(await readFile(marker, 'utf8')).toMatch(/^refs\/heads\/main [0-9a-f]{40} refs\/heads\/main [0-9a-f]{40}\n/);
    expect(spawnCli(['hook', 'uninstall'], { cwd: local }).stdout).toContain('the previous hook is back');
    expect(await readFile(join(hooks, 'pre-push'), 'utf8')).toContain(`cat > ${marker}`);
    expect((await readdir(hooks)).filter((f) => f.includes('keysweep'))).toEqual([]);
  });

  it('honours core.hooksPath', async () => {
    const { local } = await pushSetup();
    git(local, ['config', 'core.hooksPath', '.githooks']);
    expect(installHooks(local).stdout).toContain(join(local, '.githooks', 'pre-push'));
    await commit(local, { 'k.env': `K=${fakeKey('legacy', rng)}\n` }, 'leak', 2);
    expect(gitRun(local, ['push', 'origin', 'main']).code).not.toBe(0);
  });

  it('lets a push through with --no-verify or KEYSWEEP_SKIP=1, and does not block suppressed keys', async () => {
    const { local } = await pushSetup();
    installHooks(local);
    const [allowed, listed, baselined] = [fakeKey('none', rng), fakeKey('none', rng), fakeKey('none', rng)];
    await commit(local, { 'fixture.py': `K = "${allowed}"  # keysweep:allow\n` }, 'fixture', 2);
    await writeFile(join(local, '.keysweepignore'), `${secretSha256(listed)}\n`);
    await commit(local, { 'listed.env': `K=${listed}\n` }, 'listed', 3);
    const passed = gitRun(local, ['push', 'origin', 'main']);
    expect(passed.code).toBe(0);
    expect(passed.stderr).toContain('(2 suppressed)');

    await commit(local, { 'base.env': `K=${baselined}\n` }, 'baseline me', 4);
    const report = spawnCli(['history', '--range', 'origin/main..HEAD', '--format', 'json', '-o', '.keysweep-baseline.json'], { cwd: local });
    expect(report.code).toBe(1);
    expect(gitRun(local, ['push', 'origin', 'main']).code).toBe(0);

    await commit(local, { 'new.env': `K=${fakeKey('admin', rng)}\n` }, 'leak', 5);
    expect(gitRun(local, ['push', 'origin', 'main']).code).not.toBe(0);
    const skipped = gitRun(local, ['push', 'origin', 'main'], { KEYSWEEP_SKIP: '1' });
    expect(skipped.code).toBe(0);
    expect(skipped.stderr).toContain('skipped (KEYSWEEP_SKIP=1)');
    await commit(local, { 'new2.env': `K=${fakeKey('admin', rng)}\n` }, 'leak again', 6);
    expect(gitRun(local, ['push', '--no-verify', 'origin', 'main']).code).toBe(0);
  });

  it('fails closed when the check cannot run, unless KEYSWEEP_FAIL_OPEN=1', async () => {
    const { local } = await pushSetup();
    const garbage = 'refs/heads/main 1234 refs/heads/main nonsense\n';
    const closed = spawnCli(['hook', 'pre-push', 'origin', 'url'], { cwd: local, input: garbage });
    expect(closed.code).toBe(2);
    expect(closed.stderr).toContain('unexpected pre-push input');
    const open = spawnCli(['hook', 'pre-push', 'origin', 'url'], { cwd: local, input: garbage, env: { KEYSWEEP_FAIL_OPEN: '1' } });
    expect(open.code).toBe(0);
    expect(open.stderr).toContain('KEYSWEEP_FAIL_OPEN=1 lets this through');
    const missing = '0'.repeat(40);
    const unknownCommit = `refs/heads/main ${'ab'.repeat(20)} refs/heads/main ${missing}\n`;
    expect(spawnCli(['hook', 'pre-push', 'origin', 'url'], { cwd: local, input: unknownCommit }).code).toBe(2);
  });
});

describe('pre-commit framework', () => {
  it('ships .pre-commit-hooks.yaml whose entries are real commands, and reads the push from PRE_COMMIT_* variables', async () => {
    const yaml = await readFile(new URL('../../.pre-commit-hooks.yaml', import.meta.url), 'utf8');
    expect(yaml).toContain('entry: keysweep hook pre-push');
    expect(yaml).toContain('entry: keysweep hook pre-commit');
    expect(yaml).toMatch(/stages: \[pre-push\]/);
    const { local, remote } = await pushSetup();
    const base = git(local, ['rev-parse', 'HEAD']).trim();
    await commit(local, { 'k.env': `K=${fakeKey('none', rng)}\n` }, 'leak', 2);
    const env = { PRE_COMMIT_FROM_REF: base, PRE_COMMIT_TO_REF: 'HEAD', PRE_COMMIT_REMOTE_NAME: 'origin', PRE_COMMIT_REMOTE_URL: remote, PRE_COMMIT_REMOTE_BRANCH: 'refs/heads/main' };
    const blocked = spawnCli(['hook', 'pre-push'], { cwd: local, env });
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain('k.env:1');
    const clean = spawnCli(['hook', 'pre-push'], { cwd: local, env: { ...env, PRE_COMMIT_FROM_REF: 'HEAD' } });
    expect(clean.code).toBe(0);
  });
});
