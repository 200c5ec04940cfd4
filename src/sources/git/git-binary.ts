import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { GitError } from './git-error.js';

const found = new Map<string, string>();

/**
 * The absolute path of git, looked up once per PATH in the absolute PATH entries only. A relative entry
 * (`.`, `bin`, an empty one) would make the operating system look for `git` in the scanned repository,
 * where a committed `git` script would then run as the scanning user.
 */
export function gitBinary(env: Record<string, string | undefined>): string {
  // As node's spawn does when the environment has no PATH.
  const path = env.PATH ?? '/usr/bin:/bin';
  const cached = found.get(path);
  // Stryker disable next-line ConditionalExpression: equivalent (the cache only saves the lookup)
  if (cached) return cached;
  // Stryker disable next-line all: Windows names, not reachable on the POSIX machines tests run on
  const names = process.platform === 'win32' ? ['git.exe', 'git.cmd'] : ['git'];
  for (const dir of path.split(delimiter)) {
    if (!isAbsolute(dir)) continue;
    for (const name of names) {
      const candidate = join(dir, name);
      if (isExecutableFile(candidate)) {
        found.set(path, candidate);
        return candidate;
      }
    }
  }
  throw new GitError('cannot run git: no git executable in the absolute entries of PATH (relative entries are ignored on purpose)', 'git', '');
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
    // Stryker disable next-line BlockStatement: equivalent (an empty catch returns undefined, also falsy)
  } catch {
    return false;
  }
}
