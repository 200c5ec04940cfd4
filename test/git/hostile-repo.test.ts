import { existsSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, git, initRepo } from '../../fixtures/git-fixture.js';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { spawnCli } from '../helpers/spawn-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * A repository whose config, attributes and hooks name a command for every way git can run one. Each
 * command writes a canary file; after every keysweep command has run against it, no canary may exist.
 */
async function hostileRepo() {
  const repo = await tempDir('keysweep-hostile-');
  const canaries = await tempDir('keysweep-canaries-');
  await initRepo(repo);
  const rng = seededRng(35);
  const key = fakeKey('project-v2', rng);
  await commit(repo, { 'app.py': `KEY = "${key}"\n`, 'notes.txt': 'hello\n' }, 'initial', 1);
  await commit(repo, { 'notes.txt': 'hello again\n' }, 'second', 2);
  // A staged key for the pre-commit hook to find; staged before the hostile config exists.
  await writeFile(join(repo, 'staged.py'), `KEY = "${fakeKey('legacy', rng)}"\n`);
  git(repo, ['add', 'staged.py']);
  const canary = (name: string) => `sh -c 'touch ${join(canaries, name)}' #`;
  const settings: Array<[string, string]> = [
    ['core.fsmonitor', canary('fsmonitor')],
    ['core.hooksPath', join(repo, 'evil-hooks')],
    ['diff.external', canary('diff-external')],
    ['diff.evil.textconv', canary('textconv')],
    ['diff.evil.command', canary('diff-driver')],
    ['filter.evil.clean', canary('clean')],
    ['filter.evil.smudge', canary('smudge')],
    ['filter.evil.process', canary('filter-process')],
    ['core.sshCommand', canary('ssh')],
    ['core.pager', canary('pager')],
    ['pager.log', canary('pager-log')],
    ['core.editor', canary('editor')],
    ['core.askPass', canary('askpass')],
    ['credential.helper', `!${canary('credential')}`],
    ['uploadpack.packObjectsHook', canary('pack-objects-hook')],
    ['gpg.program', canary('gpg')],
    ['log.showSignature', 'true'],
    ['core.gitProxy', canary('git-proxy')],
    ['alias.log', `!${canary('alias')}`],
    ['gpg.ssh.program', canary('gpg-ssh')],
    ['gpg.x509.program', canary('gpg-x509')],
    ['gpg.format', 'ssh'],
    ['core.alternateRefsCommand', canary('alternate-refs')],
    // Transports: a promisor remote whose "fetch" runs a command (hostile-transport.test.ts removes an object to trigger it).
    ['remote.origin.url', `ext::sh -c touch% ${join(canaries, 'ext')}`],
    ['remote.origin.promisor', 'true'],
    ['protocol.ext.allow', 'always'],
    ['remote.origin.uploadpack', canary('uploadpack')],
    ['protocol.file.allow', 'always'],
  ];
  for (const [name, value] of settings) git(repo, ['config', name, value]);
  await writeFile(join(repo, '.gitattributes'), '* diff=evil filter=evil\n');
  await mkdir(join(repo, 'evil-hooks'));
  for (const dir of ['evil-hooks', join('.git', 'hooks')]) {
    for (const hook of ['pre-commit', 'post-checkout', 'pre-push', 'post-index-change', 'reference-transaction', 'fsmonitor-watchman', 'pre-auto-gc']) {
      const path = join(repo, dir, hook);
      await writeFile(path, `#!/bin/sh\ntouch ${join(canaries, `hook-${dir.replace(/\W/g, '')}-${hook}`)}\n`);
      await chmod(path, 0o755);
    }
  }
  // Make the index stale so any index refresh would consult fsmonitor and the clean filter.
  await writeFile(join(repo, 'notes.txt'), 'changed in the work tree\n');
  return { repo, canaries, key };
}

describe('a hostile repository runs nothing', () => {
  it('every keysweep command leaves no canary, and still finds the key', async () => {
    const { repo, canaries } = await hostileRepo();
    // Exact exit codes: the key is in the first commit, so the scopes after it are clean and complete.
    const commands: Array<[string[], number]> = [
      [['scan', '.'], 1],
      [['history'], 1],
      [['history', '.', '--format', 'sarif'], 1],
      [['history', '--branch', 'main'], 1],
      [['history', '--since-commit', 'HEAD~1'], 0],
      [['history', '--range', 'HEAD~1..HEAD'], 0],
      [['history', '--unreachable'], 1],
      [['history', '--trust-owner', '--show-ignored'], 1],
    ];
    for (const [args, expected] of commands) {
      const { code, stderr } = spawnCli(args, { cwd: repo });
      expect(code, `${args.join(' ')}: ${stderr}`).toBe(expected);
    }
    // The hooks, as git would call them, and installing them (refused: the hooks directory holds foreign hooks).
    const head = git(repo, ['rev-parse', 'HEAD']).trim();
    const pushed = spawnCli(['hook', 'pre-push', 'origin', 'https://example.test/r.git'], { cwd: repo, input: `refs/heads/main ${head} refs/heads/main ${'0'.repeat(40)}\n` });
    expect(pushed.code, pushed.stderr).toBe(1);
    const committed = spawnCli(['hook', 'pre-commit'], { cwd: repo });
    expect(committed.code, committed.stderr).toBe(1);
    expect(spawnCli(['hook', 'install', '--pre-commit'], { cwd: repo }).code).toBe(2);
    // verify reads keys back from the repository's blobs (nothing listens on port 9: verdicts are unknown).
    expect(spawnCli(['history', '--format', 'json', '-o', join(canaries, '..', 'hostile-report.json')], { cwd: repo }).code).toBe(1);
    const verified = spawnCli(['verify', join(canaries, '..', 'hostile-report.json'), '--no-cache', '--verify-timeout', '2'], { cwd: repo, env: { KEYSWEEP_OPENAI_BASE_URL: 'http://127.0.0.1:9' } });
    expect(verified.code, verified.stderr).toBe(1);
    expect(verified.stdout).toContain('unknown');
    expect(spawnCli(['history'], { cwd: repo }).code).toBe(1);
    const list = join(canaries, '..', `hostile-list-${process.pid}.txt`);
    await writeFile(list, `${repo}\n`);
    expect(spawnCli(['sweep', '--repos', list, '--store', join(canaries, '..', `hostile-${process.pid}.db`), '--quiet'], { cwd: repo }).code).toBe(1);
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(canaries)).toEqual([]);
    // The canaries do fire when git is run the ordinary way, so their absence above means something.
    try {
      git(repo, ['status', '--short']);
    } catch {
      // the process filter is not a real filter protocol, so git status fails after running it
    }
    expect((await readdir(canaries)).length).toBeGreaterThan(0);
    expect(existsSync(join(canaries, 'fsmonitor')) || existsSync(join(canaries, 'clean'))).toBe(true);
  });
});
