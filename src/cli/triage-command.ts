import { recordDecisions } from '../app/record-decisions.js';
import { DECISION_KINDS, type DecisionKind } from '../core/types.js';
import { UsageError } from '../core/errors.js';
import type { CliIo } from './cli-io.js';
import { EXIT_CLEAN } from './exit-codes.js';
import { parseFlags } from './parse-flags.js';
import { terminalText } from './terminal-text.js';
import { TRIAGE_HELP } from './triage-help-text.js';

/** `keysweep triage …`: the interactive UI, or `triage set` to record decisions without one. */
export async function triageCommand(args: string[], io: CliIo): Promise<number> {
  if (args[0] === 'set') return triageSet(args.slice(1), io);
  if (args.includes('-h') || args.includes('--help')) {
    io.stdout.write(TRIAGE_HELP);
    return EXIT_CLEAN;
  }
  return (await import('./triage-ui-command.js')).triageUiCommand(args, io);
}

async function triageSet(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    as: { type: 'string' },
    reason: { type: 'string' },
    until: { type: 'string' },
    path: { type: 'string' },
    store: { type: 'string' },
    repo: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(TRIAGE_HELP);
    return EXIT_CLEAN;
  }
  const kind = values.as;
  if (!kind || !DECISION_KINDS.includes(kind as DecisionKind)) throw new UsageError(`triage set needs --as ${DECISION_KINDS.join('|')}`);
  if (values.store && values.repo) throw new UsageError('--store and --repo name two places for one decision: give one');
  const { decisions, where } = await recordDecisions(
    {
      shas: positionals,
      kind: kind as DecisionKind,
      reason: values.reason ?? '',
      until: values.until ?? null,
      path: values.path ?? null,
      target: values.store ? { kind: 'store', path: values.store } : { kind: 'directory', path: values.repo ?? '.' },
      now: new Date().toISOString(),
    },
    { cwd: io.cwd, env: io.env },
  );
  io.stderr.write(terminalText(`keysweep: recorded ${kind} for ${decisions.length} key(s) in ${where}\n`));
  return EXIT_CLEAN;
}
