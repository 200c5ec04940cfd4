import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { gitBinary } from '../sources/git/git-binary.js';
import { withoutCredentials } from './repo-list.js';

/** Transports a mirror may use: git's own allow-list, so no config or URL can reach ext:: or fd::. */
const ALLOWED_PROTOCOLS = 'file:git:http:https:ssh';

export type MirrorRequest = { url: string; identity: string; cacheDir: string; timeoutMs: number; env: Record<string, string | undefined> };

/**
 * A bare mirror of a remote repository in the cache: cloned the first time, fetched with --prune after.
 * simple-git runs git here with its unsafe-operation guard on (the URLs come from a list or an API and
 * are untrusted), plus git's protocol allow-list, no terminal prompts and no submodules. Hooks: the mirror is
 * created by keysweep, so its hooks directory holds only git's inactive samples (the guard forbids setting
 * core.hooksPath, and nothing here needs it). The
 * mirror is then scanned like any other repository, through the hardened runner.
 */
export async function mirrorRepository(request: MirrorRequest): Promise<{ path: string; action: 'cloned' | 'fetched' }> {
  const dir = join(request.cacheDir, 'mirrors');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `${createHash('sha256').update(request.identity).digest('hex').slice(0, 32)}.git`);
  const env = {
    PATH: request.env.PATH ?? '/usr/bin:/bin',
    HOME: request.env.HOME ?? '/nonexistent',
    GIT_TERMINAL_PROMPT: '0',
    GIT_ALLOW_PROTOCOL: ALLOWED_PROTOCOLS,
    GIT_CONFIG_NOSYSTEM: '1',
    ...(request.env.SSH_AUTH_SOCK ? { SSH_AUTH_SOCK: request.env.SSH_AUTH_SOCK } : {}),
  };
  const git = (baseDir: string) =>
    simpleGit({
      baseDir,
      binary: gitBinary(request.env),
      timeout: { block: request.timeoutMs },
      config: ['submodule.recurse=false', 'fetch.recurseSubmodules=false', ...stallLimits(request.timeoutMs)],
      // The guard strips every inherited GIT_* variable; only these, set here, pass.
      allowEnvironment: ['GIT_TERMINAL_PROMPT', 'GIT_ALLOW_PROTOCOL', 'GIT_CONFIG_NOSYSTEM'],
      // Only for the ssh command keysweep writes itself (stallLimits); every other unsafe category stays refused.
      unsafe: { allowUnsafeSshCommand: true },
    }).env(env);
  // Written only after a clone finished: a clone killed halfway is removed and made again, never read as empty.
  const complete = join(path, 'keysweep-mirror-complete');
  if (existsSync(complete)) {
    // The URL comes from the list each time (credentials in it are never written to the mirror's config).
    await git(path).fetch(['--prune', '--no-recurse-submodules', request.url, '+refs/*:refs/*']);
    return { path, action: 'fetched' };
  }
  rmSync(path, { recursive: true, force: true });
  await git(dir).clone(request.url, path, ['--mirror', '--no-recurse-submodules']);
  await git(path).remote(['set-url', 'origin', withoutCredentials(request.url)]);
  writeFileSync(complete, `${new Date().toISOString()}\n`);
  return { path, action: 'cloned' };
}

/**
 * --repo-timeout, told to git's own transports. simple-git's timeout kills git alone, not the helper it
 * started (git-remote-http, ssh), which would then wait on the silent remote, holding the sweep's pipes open
 * so the process never exits. With these, each helper gives up by itself within about the same time.
 */
function stallLimits(timeoutMs: number): string[] {
  const seconds = Math.max(1, Math.ceil(timeoutMs / 1000));
  return [
    'http.lowSpeedLimit=1',
    `http.lowSpeedTime=${seconds}`,
    // BatchMode: never a password prompt; ServerAlive: a connected but silent server is left.
    `core.sshCommand=ssh -o BatchMode=yes -o ConnectTimeout=${seconds} -o ServerAliveInterval=${Math.max(1, Math.ceil(seconds / 2))} -o ServerAliveCountMax=2`,
  ];
}
