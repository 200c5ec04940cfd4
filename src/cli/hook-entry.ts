import type { CliIo } from './cli-io.js';
import { hookCommand } from './hook-command.js';
import { parseHookArgs } from './parse-hook-args.js';
import { runGuarded } from './run-guarded.js';

/** `keysweep hook ARGS`, as run.ts dispatches it. */
export function hookEntry(args: string[], io: CliIo): Promise<number> {
  return hookCommand(parseHookArgs(args), io);
}

/** The whole CLI for `keysweep hook …` alone: a git hook starts it on every push, so it loads as one bundle. */
export function run(argv: string[], io: CliIo): Promise<number> {
  return runGuarded(io, () => hookEntry(argv.slice(1), io));
}
