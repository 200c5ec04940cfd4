import { type ChildProcess, type StdioOptions, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { parse } from 'node:path';
import { gitBinary } from './git-binary.js';
import { hardenedArgs, hardenedEnv } from './hardened-git.js';

/**
 * Where git works: the repository's git directory once known (every scan command), or a directory to
 * discover one from (`-C`). `env` is the caller's environment, hardened before use.
 */
export type GitContext = {
  gitDir?: string;
  cwd: string;
  env: Record<string, string | undefined>;
  safeDirectory?: string;
  readHooksPath?: boolean;
  /** Absolute path of the index a pre-commit hook was handed (GIT_INDEX_FILE); nothing else of GIT_* passes. */
  indexFile?: string;
};

/** The file system root: a working directory that is inside no scanned repository. */
const NEUTRAL_DIR = parse(tmpdir()).root;

/** The one place a git process starts: absolute binary, hardened arguments and environment, neutral working directory. */
export function spawnGit(context: GitContext, args: readonly string[], stdio: StdioOptions): ChildProcess {
  const argv = hardenedArgs(args, {
    ...(context.gitDir ? { gitDir: context.gitDir } : { dir: context.cwd }),
    ...(context.safeDirectory ? { safeDirectory: context.safeDirectory } : {}),
    ...(context.readHooksPath ? { readHooksPath: true } : {}),
  });
  const env = hardenedEnv(context.env, context.indexFile ? { indexFile: context.indexFile } : {});
  return spawn(gitBinary(context.env), argv, { cwd: NEUTRAL_DIR, env, stdio });
}
