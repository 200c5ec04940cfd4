import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { commit, fixtureGitEnv, git, initRepo } from '../../fixtures/git-fixture.js';
import { BIN } from './spawn-cli.js';
import { tempDir } from './temp-dir.js';

/** A bare "remote" and a clone with one pushed commit: the setting of every hook test. */
export async function pushSetup() {
  const root = await tempDir('keysweep-push-');
  const remote = join(root, 'remote.git');
  const local = join(root, 'local');
  await initRepo(remote, { bare: true });
  git(root, ['clone', '-q', remote, 'local']);
  git(local, ['checkout', '-q', '-b', 'main']);
  await commit(local, { 'README.md': '# app\n' }, 'initial', 1);
  git(local, ['push', '-q', 'origin', 'main']);
  return { root, remote, local };
}

/** Runs git the way a developer would (hooks on), returning status and output instead of throwing. */
export function gitRun(dir: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...fixtureGitEnv(dir), ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Installs keysweep's hooks with the built CLI, as a user would. */
export function installHooks(dir: string, args: string[] = []) {
  return spawnSync(process.execPath, [BIN, 'hook', 'install', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

export const remoteHas = (remote: string, ref: string) => gitRun(remote, ['rev-parse', '--verify', '--quiet', ref]).stdout.trim();

/** gitRun without blocking this process: for tests whose stand-in servers live in it. */
export function gitRunAsync(dir: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('git', args, { cwd: dir, env: { ...fixtureGitEnv(dir), ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
