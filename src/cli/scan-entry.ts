import type { CliIo } from './cli-io.js';
import { EXIT_CLEAN } from './exit-codes.js';
import { SCAN_HELP } from './help-text.js';
import { parseScanArgs } from './parse-scan-args.js';
import { runGuarded } from './run-guarded.js';
import { scanCommand } from './scan-command.js';

/** `keysweep scan ARGS`, as run.ts dispatches it. */
export function scanEntry(args: string[], io: CliIo): Promise<number> {
  const parsed = parseScanArgs(args);
  if (parsed.kind === 'help') {
    io.stdout.write(SCAN_HELP);
    return Promise.resolve(EXIT_CLEAN);
  }
  return scanCommand(parsed, io);
}

/** The whole CLI for `keysweep scan …` alone: bin/keysweep.js loads this as a bundle of its own (one module, not forty). */
export function run(argv: string[], io: CliIo): Promise<number> {
  return runGuarded(io, () => scanEntry(argv.slice(1), io));
}
