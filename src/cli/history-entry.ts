import type { CliIo } from './cli-io.js';
import { EXIT_CLEAN } from './exit-codes.js';
import { HISTORY_HELP } from './help-text.js';
import { historyCommand } from './history-command.js';
import { parseHistoryArgs } from './parse-history-args.js';
import { runGuarded } from './run-guarded.js';

/** `keysweep history ARGS`, as run.ts dispatches it. */
export function historyEntry(args: string[], io: CliIo): Promise<number> {
  const parsed = parseHistoryArgs(args);
  if (parsed.kind === 'help') {
    io.stdout.write(HISTORY_HELP);
    return Promise.resolve(EXIT_CLEAN);
  }
  return historyCommand(parsed, io);
}

/** The whole CLI for `keysweep history …` alone: bin/keysweep.js loads this as a bundle of its own. */
export function run(argv: string[], io: CliIo): Promise<number> {
  return runGuarded(io, () => historyEntry(argv.slice(1), io));
}
