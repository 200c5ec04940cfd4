import { ReportInputError, RuleError, ScanError, StoreError, UsageError } from '../core/errors.js';
import { GitError } from '../sources/git/git-error.js';
import type { CliIo } from './cli-io.js';
import { EXIT_CLEAN, EXIT_ERROR } from './exit-codes.js';
import { HELP_BY_COMMAND, HISTORY_HELP, MAIN_HELP, SCAN_HELP } from './help-text.js';
import { SWEEP_HELP } from './sweep-help-text.js';
import { terminalText } from './terminal-text.js';
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
      const parsed = (await import('./parse-scan-args.js')).parseScanArgs(args);
      return parsed.kind === 'help' ? help(io, SCAN_HELP) : (await import('./scan-command.js')).scanCommand(parsed, io);
    }
    case 'history': {
      const parsed = (await import('./parse-history-args.js')).parseHistoryArgs(args);
      return parsed.kind === 'help' ? help(io, HISTORY_HELP) : (await import('./history-command.js')).historyCommand(parsed, io);
    }
    case 'hook': {
      const parsed = (await import('./parse-hook-args.js')).parseHookArgs(args);
      return (await import('./hook-command.js')).hookCommand(parsed, io);
    }
    case 'verify':
      return (await import('./verify-command.js')).verifyCommand(args, io);
    case 'sweep': {
      const parsed = (await import('./parse-sweep-args.js')).parseSweepArgs(args, io.env);
      return parsed.kind === 'help' ? help(io, SWEEP_HELP) : (await import('./sweep-command.js')).sweepCommand(parsed, io);
    }
    case 'merge':
      return (await import('./merge-command.js')).mergeCommand(args, io);
    case 'report':
      return (await import('./report-command.js')).reportCommand(args, io);
    case 'triage':
      return (await import('./triage-command.js')).triageCommand(args, io);
    case 'demo': {
      const { demoCommand } = await import('./demo-command.js');
      return demoCommand(args, io);
    }
    default:
      throw new UsageError(`unknown command "${command}"; see keysweep --help`);
  }
}

function help(io: CliIo, text: string): number {
  io.stdout.write(text);
  return EXIT_CLEAN;
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

