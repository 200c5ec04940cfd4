import { ReportInputError, RuleError, ScanError, UsageError } from '../core/errors.js';
import { GitError } from '../sources/git/git-error.js';
import { redactKeysIn } from '../detect/redact-keys-in.js';
import type { CliIo } from './cli-io.js';
import { EXIT_CLEAN, EXIT_ERROR } from './exit-codes.js';
import { HELP_BY_COMMAND, HISTORY_HELP, MAIN_HELP, SCAN_HELP } from './help-text.js';
import { toolInfo } from './tool-info.js';

/**
 * The CLI in one call: parses argv, runs the command, and is the one place where errors become exit codes.
 * Returns the exit code; bin/keysweep.js sets it. Heavy modules load per command, so the hook path stays light.
 */
export async function run(argv: string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    return report(error, io);
  }
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case undefined:
    case '-h':
    case '--help':
      io.stdout.write(MAIN_HELP);
      return EXIT_CLEAN;
    case 'help': {
      const help = args[0] ? HELP_BY_COMMAND[args[0]] : MAIN_HELP;
      if (!help) throw new UsageError(`no command "${args[0]}"; see keysweep --help`);
      io.stdout.write(help);
      return EXIT_CLEAN;
    }
    case '-V':
    case '--version':
    case 'version':
      io.stdout.write(`${toolInfo().version}\n`);
      return EXIT_CLEAN;
    case 'scan': {
      const { parseScanArgs } = await import('./parse-scan-args.js');
      const parsed = parseScanArgs(args);
      if (parsed.kind === 'help') {
        io.stdout.write(SCAN_HELP);
        return EXIT_CLEAN;
      }
      const { scanCommand } = await import('./scan-command.js');
      return scanCommand(parsed, io);
    }
    case 'history': {
      const { parseHistoryArgs } = await import('./parse-history-args.js');
      const parsed = parseHistoryArgs(args);
      if (parsed.kind === 'help') {
        io.stdout.write(HISTORY_HELP);
        return EXIT_CLEAN;
      }
      const { historyCommand } = await import('./history-command.js');
      return historyCommand(parsed, io);
    }
    case 'demo': {
      const { demoCommand } = await import('./demo-command.js');
      return demoCommand(args, io);
    }
    default:
      throw new UsageError(`unknown command "${command}"; see keysweep --help`);
  }
}

function report(error: unknown, io: CliIo): number {
  // Messages can quote what the user typed or what git said (a ref name, a path): never a whole key.
  const write = (text: string) => io.stderr.write(redactKeysIn(text, OPENAI_MARKER));
  if (error instanceof UsageError) {
    write(`keysweep: ${error.message}\n(keysweep --help for usage)\n`);
  } else if (error instanceof ScanError || error instanceof RuleError || error instanceof ReportInputError || error instanceof GitError) {
    write(`keysweep: ${error.message}\n`);
  } else {
    write(`keysweep: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
  }
  return EXIT_ERROR;
}

/** The marker of every OpenAI secret key; here so error reporting needs no rule file (it may be what failed). */
const OPENAI_MARKER = 'T3BlbkFJ';
