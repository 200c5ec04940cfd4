import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { CHAINED_SUFFIX, type HookName, hookScript, isKeysweepHook } from './hook-script.js';

export type InstallOutcome = { hook: HookName; path: string; action: 'installed' | 'reinstalled' | 'chained' };
export type UninstallOutcome = { hook: HookName; path: string; action: 'removed' | 'restored' | 'absent' };

async function readIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Writes keysweep's hook. An existing keysweep hook is rewritten (idempotent); a foreign hook is refused
 * unless `force`, in which case it is moved aside and chained: it still runs, first, on every push.
 */
export async function installHook(hooksDir: string, hook: HookName, paths: { node: string; bin: string }, force: boolean, extraArgs: string[] = []): Promise<InstallOutcome> {
  await mkdir(hooksDir, { recursive: true });
  const path = join(hooksDir, hook);
  const existing = await readIfExists(path);
  let action: InstallOutcome['action'] = 'installed';
  if (existing !== null && isKeysweepHook(existing)) {
    action = 'reinstalled';
  } else if (existing !== null) {
    if (!force) {
      throw new UsageError(
        `${path} already exists and is not keysweep's. Re-run with --force to chain it: keysweep moves it to ${hook}${CHAINED_SUFFIX} and runs it first, then itself (uninstall puts it back).`,
      );
    }
    if ((await readIfExists(path + CHAINED_SUFFIX)) !== null) {
      throw new UsageError(`${path + CHAINED_SUFFIX} already exists; move it away before chaining another ${hook} hook`);
    }
    await rename(path, path + CHAINED_SUFFIX);
    action = 'chained';
  }
  await writeFile(path, hookScript(hook, paths.node, paths.bin, extraArgs));
  await chmod(path, 0o755);
  return { hook, path, action };
}

/** Removes keysweep's hook and puts back a hook it had chained; never touches a hook that is not keysweep's. */
export async function uninstallHook(hooksDir: string, hook: HookName): Promise<UninstallOutcome> {
  const path = join(hooksDir, hook);
  const existing = await readIfExists(path);
  if (existing === null) return { hook, path, action: 'absent' };
  if (!isKeysweepHook(existing)) throw new UsageError(`${path} is not keysweep's hook; leaving it alone`);
  await rm(path);
  if ((await readIfExists(path + CHAINED_SUFFIX)) !== null) {
    await rename(path + CHAINED_SUFFIX, path);
    return { hook, path, action: 'restored' };
  }
  return { hook, path, action: 'removed' };
}
