import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { isAbsolute, join } from 'node:path';

/**
 * Opens a revocation page in the browser where an opener exists (`openers`: xdg-open, or open on macOS, as the
 * caller knows the platform), found on the absolute
 * entries of PATH; the URL comes from keysweep's own rule file, never from a scanned repository. Says what it
 * did, so the page is printed either way.
 */
export async function openPage(url: string, env: Record<string, string | undefined>, openers: readonly string[]): Promise<string> {
  if (!/^https:\/\/[a-z0-9.-]+\//i.test(url)) return `revocation page: ${url}`;
  const opener = findOpener(env, openers);
  if (!opener) return `revocation page: ${url} (no browser opener found: open it yourself)`;
  const child = spawn(opener, [url], { detached: true, stdio: 'ignore', env: env as NodeJS.ProcessEnv });
  await new Promise<void>((resolve) => {
    child.once('spawn', resolve);
    child.once('error', () => resolve());
  });
  child.unref();
  return `revocation page: ${url} (opened with ${opener.split('/').pop()})`;
}

function findOpener(env: Record<string, string | undefined>, openers: readonly string[]): string | null {
  for (const name of openers) {
    for (const dir of (env.PATH ?? '').split(':')) {
      if (!isAbsolute(dir)) continue;
      try {
        accessSync(join(dir, name), constants.X_OK);
        return join(dir, name);
      } catch {
        // not in this directory
      }
    }
  }
  return null;
}
