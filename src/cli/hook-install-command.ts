import { join } from 'node:path';
import { installHooks, uninstallHooks } from '../app/manage-hooks.js';
import { packageRoot } from '../core/package-root.js';
import type { CliIo } from './cli-io.js';
import { EXIT_CLEAN } from './exit-codes.js';
import type { HookCommand } from './parse-hook-args.js';

/** `keysweep hook install|uninstall`: writes or removes the hooks in the repository's hooks directory. */
export async function manageHooks(command: Extract<HookCommand, { kind: 'install' | 'uninstall' }>, io: CliIo): Promise<number> {
  if (command.kind === 'uninstall') {
    for (const outcome of await uninstallHooks(command.repo, io)) {
      if (outcome.action !== 'absent') io.stdout.write(`keysweep: ${outcome.hook} hook ${outcome.action === 'restored' ? 'removed; the previous hook is back' : 'removed'} (${outcome.path})\n`);
    }
    return EXIT_CLEAN;
  }
  const paths = { node: process.execPath, bin: join(packageRoot(), 'bin', 'keysweep.js') };
  for (const outcome of await installHooks({ ...command, paths }, io)) {
    const what = outcome.action === 'chained' ? 'installed; the existing hook was chained and runs first' : outcome.action;
    io.stdout.write(`keysweep: ${outcome.hook} hook ${what} (${outcome.path})\n`);
  }
  return EXIT_CLEAN;
}
