import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { gitBinary } from '../sources/git/git-binary.js';
import { credentialEnvironment } from './clone-credentials.js';
import { withoutCredentials } from './repo-list.js';
import { stopLeftovers } from './stop-leftovers.js';

const TOKEN_VARIABLES = ['GIT_CONFIG_COUNT', 'GIT_CONFIG_KEY_0', 'GIT_CONFIG_VALUE_0', 'GIT_CONFIG_KEY_1', 'GIT_CONFIG_VALUE_1'];

/** Transports a mirror may use: git's own allow-list, so no config or URL can reach ext:: or fd::. */
const ALLOWED_PROTOCOLS = 'file:git:http:https:ssh';

/** What a mirror is doing, for the progress display: git's own stage ("receiving", "resolving") and percentage. */
export type MirrorPhase = { phase: 'cloning' | 'fetching'; stage: string | null; percent: number | null };

export type MirrorRequest = {
  url: string;
  identity: string;
  cacheDir: string;
  timeoutMs: number;
  env: Record<string, string | undefined>;
  onPhase?: (phase: MirrorPhase) => void;
  /** A GitHub token for this URL's host (see clone-credentials.ts), passed to git in its environment only. */
  token?: { origin: string; value: string };
};

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
  const path = mirrorPath(request.cacheDir, request.identity);
  const run = randomUUID();
  const env = {
    PATH: request.env.PATH ?? '/usr/bin:/bin',
    HOME: request.env.HOME ?? '/nonexistent',
    GIT_TERMINAL_PROMPT: '0',
    GIT_ALLOW_PROTOCOL: ALLOWED_PROTOCOLS,
    GIT_CONFIG_NOSYSTEM: '1',
    ...(request.env.SSH_AUTH_SOCK ? { SSH_AUTH_SOCK: request.env.SSH_AUTH_SOCK } : {}),
    ...(request.token ? credentialEnvironment(request.token.origin, request.token.value) : {}),
    // Inherited by git's helpers, so that whatever outlives a timed-out git can be found and stopped.
    KEYSWEEP_MIRROR_RUN: run,
  };
  const complete = join(path, 'keysweep-mirror-complete');
  const phase: MirrorPhase['phase'] = existsSync(complete) ? 'fetching' : 'cloning';
  const report = request.onPhase ?? (() => {});
  report({ phase, stage: null, percent: null });
  const git = (baseDir: string) =>
    simpleGit({
      baseDir,
      // git's progress lines, parsed by simple-git; a stage name comes from the remote, so it is kept short and plain.
      progress: ({ stage, progress }) => report({ phase, stage: plainStage(stage), percent: Number.isFinite(progress) ? progress : null }),
      binary: gitBinary(request.env),
      timeout: { block: request.timeoutMs },
      config: ['submodule.recurse=false', 'fetch.recurseSubmodules=false', ...stallLimits(request.timeoutMs)],
      // The guard strips every inherited GIT_* variable; only these, set here, pass.
      allowEnvironment: ['GIT_TERMINAL_PROMPT', 'GIT_ALLOW_PROTOCOL', 'GIT_CONFIG_NOSYSTEM', ...(request.token ? TOKEN_VARIABLES : [])],
      // Only for what keysweep writes itself: the ssh command (stallLimits) and the token's scoped header
      // (credentialEnvironment). Every other unsafe category stays refused.
      unsafe: { allowUnsafeSshCommand: true, ...(request.token ? { allowUnsafeConfigEnvCount: true } : {}) },
    }).env(env);
  // The completion marker is written only after a clone finished: a clone killed halfway is removed and made
  // again, never read as empty.
  try {
    if (phase === 'fetching') {
      // The URL comes from the list each time (credentials in it are never written to the mirror's config).
      await git(path).fetch(['--prune', '--no-recurse-submodules', request.url, '+refs/*:refs/*']);
      return { path, action: 'fetched' };
    }
    rmSync(path, { recursive: true, force: true });
    await git(dir).clone(request.url, path, ['--mirror', '--no-recurse-submodules']);
    await git(path).remote(['set-url', 'origin', withoutCredentials(request.url)]);
    writeFileSync(complete, `${new Date().toISOString()}\n`);
    return { path, action: 'cloned' };
  } catch (error) {
    await stopLeftovers(`KEYSWEEP_MIRROR_RUN=${run}`);
    throw error;
  }
}

/** Where the mirror of a repository lives in the cache: named by a hash of its identity, never by the URL itself. */
export function mirrorPath(cacheDir: string, identity: string): string {
  return join(cacheDir, 'mirrors', `${createHash('sha256').update(identity).digest('hex').slice(0, 32)}.git`);
}

/**
 * --repo-timeout, told to git's own transports. simple-git's timeout kills git alone, not the helper it
 * started (git-remote-http, ssh), which would then wait on the silent remote, holding the sweep's pipes open
 * so the process never exits. With these, each helper gives up by itself within about the same time.
 */
function stallLimits(timeoutMs: number): string[] {
  const seconds = Math.max(1, Math.ceil(timeoutMs / 1000));
  return [
    // A server that trickles a byte now and then is as stalled as a silent one.
    'http.lowSpeedLimit=1000',
    `http.lowSpeedTime=${seconds}`,
    // BatchMode: never a password prompt; ServerAlive: a connected but silent server is left.
    `core.sshCommand=ssh -o BatchMode=yes -o ConnectTimeout=${seconds} -o ServerAliveInterval=${Math.max(1, Math.ceil(seconds / 2))} -o ServerAliveCountMax=2`,
  ];
}

/** A progress stage as git names it ("receiving", "remote:"), or null for anything else a remote could send. */
function plainStage(stage: string): string | null {
  const word = stage.replace(/:$/, '');
  return /^[a-z][a-z ]{0,19}$/.test(word) ? word : null;
}
