import { UsageError } from '../core/errors.js';
import type { CliIo } from './cli-io.js';
import { EXIT_CLEAN } from './exit-codes.js';
import { HELP_BY_COMMAND, MAIN_HELP } from './help-text.js';
import { SWEEP_HELP } from './sweep-help-text.js';
import { runGuarded } from './run-guarded.js';
import { toolInfo } from './tool-info.js';

/**
 * The CLI in one call: parses argv, runs the command, and is the one place where errors become exit codes.
 * Returns the exit code; bin/keysweep.js sets it. Heavy modules load per command, so the hook path stays light.
 */
export function run(argv: string[], io: CliIo): Promise<number> {
  return runGuarded(io, () => dispatch(argv, io));
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
      // Own keys only: `help __proto__` must be an unknown command, not Object.prototype.
      const help = args[0] ? (Object.hasOwn(HELP_BY_COMMAND, args[0]) ? HELP_BY_COMMAND[args[0]] : undefined) : MAIN_HELP;
      if (!help) throw new UsageError(`no command "${args[0]}"; see keysweep --help`);
      io.stdout.write(help);
      return EXIT_CLEAN;
    }
    case '-V':
    case '--version':
    case 'version':
      io.stdout.write(`${toolInfo().version}\n`);
      return EXIT_CLEAN;
    case 'scan':
      return (await import('./scan-entry.js')).scanEntry(args, io);
    case 'history':
      return (await import('./history-entry.js')).historyEntry(args, io);
    case 'hook':
      return (await import('./hook-entry.js')).hookEntry(args, io);
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
