import { dirname, join } from 'node:path';
import type { HookName } from '../hooks/hook-script.js';
import { installHook, uninstallHook } from '../hooks/install-hooks.js';
import { builtinRulesPath } from '../rules/load-rules.js';
import { hooksDir } from '../sources/git/hooks-dir.js';
import { openRepo } from '../sources/git/open-repo.js';
import type { CliIo } from './cli-io.js';
import { EXIT_CLEAN } from './exit-codes.js';
import type { HookCommand } from './parse-hook-args.js';

/** `keysweep hook install|uninstall`: writes or removes the hooks in the repository's hooks directory. */
export async function manageHooks(command: Extract<HookCommand, { kind: 'install' | 'uninstall' }>, io: CliIo): Promise<number> {
  const repo = await openRepo(command.repo, { cwd: io.cwd, env: io.env, trustOwner: false });
  const dir = await hooksDir(repo);
  if (command.kind === 'uninstall') {
    for (const hook of ['pre-push', 'pre-commit'] as HookName[]) {
      const outcome = await uninstallHook(dir, hook);
      if (outcome.action !== 'absent') io.stdout.write(`keysweep: ${hook} hook ${outcome.action === 'restored' ? 'removed; the previous hook is back' : 'removed'} (${outcome.path})\n`);
    }
    return EXIT_CLEAN;
  }
  const paths = { node: process.execPath, bin: join(dirname(dirname(builtinRulesPath())), 'bin', 'keysweep.js') };
  const hooks: HookName[] = command.preCommit ? ['pre-push', 'pre-commit'] : ['pre-push'];
  for (const hook of hooks) {
    const outcome = await installHook(dir, hook, paths, command.force, command.hookArgs);
    const what = outcome.action === 'chained' ? 'installed; the existing hook was chained and runs first' : outcome.action;
    io.stdout.write(`keysweep: ${hook} hook ${what} (${outcome.path})\n`);
  }
  return EXIT_CLEAN;
}

