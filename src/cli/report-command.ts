import { resolve } from 'node:path';
import { storedSweep } from '../app/stored-sweep.js';
import { UsageError } from '../core/errors.js';
import { loadBuiltinRules } from '../rules/load-rules.js';
import type { CliIo } from './cli-io.js';
import { emitReport } from './emit-report.js';
import { EXIT_CLEAN, EXIT_FINDINGS, EXIT_REPOSITORIES_FAILED } from './exit-codes.js';
import { REPORT_HELP } from './sweep-help-text.js';
import { parseFlags } from './parse-flags.js';
import { parsePositiveInt } from './parse-size.js';
import { REPORT_OPTIONS, reportFlags } from './report-flags.js';

/** `keysweep report --store PATH [--sweep ID]`: a past sweep, rendered again in any format, without rescanning. */
export async function reportCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(args, { ...REPORT_OPTIONS, store: { type: 'string' }, sweep: { type: 'string' }, 'new-only': { type: 'boolean' }, strict: { type: 'boolean' } });
  if (values.help) {
    io.stdout.write(REPORT_HELP);
    return EXIT_CLEAN;
  }
  if (positionals.length > 0 || !values.store) throw new UsageError('report takes --store PATH (and optionally --sweep ID)');
  const flags = reportFlags(values);
  if (flags.showSecrets) throw new UsageError('--show-secrets: the store holds no keys');
  const sweepId = values.sweep ? parsePositiveInt(values.sweep, '--sweep') : null;
  const { result } = storedSweep(resolve(io.cwd, values.store), sweepId, loadBuiltinRules(), { newOnly: values['new-only'] === true, strict: values.strict === true });
  await emitReport(result, flags, io);
  if (result.findings.length > 0) return EXIT_FINDINGS;
  const partial = result.problems.some((p) => p.code === 'SWEEP_INCOMPLETE');
  return partial || result.repositories?.some((r) => r.status === 'failed' || r.problems.length > 0) ? EXIT_REPOSITORIES_FAILED : EXIT_CLEAN;
}
