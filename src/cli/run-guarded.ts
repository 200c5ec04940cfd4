import { ReportInputError, RuleError, ScanError, StoreError, UsageError } from '../core/errors.js';
import { GitError } from '../sources/git/git-error.js';
import type { CliIo } from './cli-io.js';
import { EXIT_ERROR } from './exit-codes.js';
import { terminalText } from './terminal-text.js';

/** Runs a command; the one place where errors become exit codes (and messages that never hold a whole key). */
export async function runGuarded(io: CliIo, command: () => Promise<number>): Promise<number> {
  try {
    return await command();
  } catch (error) {
    return report(error, io);
  }
}

function report(error: unknown, io: CliIo): number {
  // Messages can quote what the user typed or what git said (a ref name, a path): never a whole key.
  const write = (text: string) => io.stderr.write(terminalText(text));
  if (error instanceof UsageError) {
    write(`keysweep: ${error.message}\n(keysweep --help for usage)\n`);
  } else if (error instanceof ScanError || error instanceof RuleError || error instanceof ReportInputError || error instanceof StoreError || error instanceof GitError) {
    write(`keysweep: ${error.message}\n`);
  } else {
    write(`keysweep: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
  }
  return EXIT_ERROR;
}

