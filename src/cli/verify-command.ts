import { MAX_REPORT_BYTES, loadReport, readReportFile } from '../app/load-report.js';
import { UsageError } from '../core/errors.js';
import { loadBuiltinRules } from '../rules/load-rules.js';
import type { CliIo } from './cli-io.js';
import { emitReport } from './emit-report.js';
import { EXIT_CLEAN, EXIT_FINDINGS } from './exit-codes.js';
import { VERIFY_HELP } from './help-text.js';
import { parseFlags } from './parse-flags.js';
import { readText } from './read-text.js';
import { REPORT_OPTIONS, reportFlags } from './report-flags.js';
import { withVerification } from './run-verification.js';
import { VERIFY_OPTIONS, normalizeVerifyFlag, verifyFlags } from './verify-flags.js';

/**
 * `keysweep verify [REPORT.json]`: verifies the keys of an earlier JSON report. Keys are read back from
 * the files or git blobs the report names (reports never hold keys unless written with --show-secrets).
 * Exit 0 when every key is revoked, 1 when any is live or could not be decided, 2 on errors.
 */
export async function verifyCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(normalizeVerifyFlag(args), { ...REPORT_OPTIONS, ...VERIFY_OPTIONS });
  if (values.help) {
    io.stdout.write(VERIFY_HELP);
    return EXIT_CLEAN;
  }
  if (positionals.length > 1) throw new UsageError('verify takes one report');
  const source = positionals[0] ?? '-';
  const text = source === '-' ? await readText(io.stdin, MAX_REPORT_BYTES) : await readReportFile(source, io.cwd);
  const report = await loadReport(text, source === '-' ? 'standard input' : source, loadBuiltinRules(), io);
  const flags = verifyFlags(values, true);
  const verified = await withVerification({ findings: report.findings, ignored: [], problems: [], stats: report.stats }, flags, io);
  const all = [...verified.findings, ...report.unreadable];
  await emitReport({ findings: all, ignored: [], problems: report.problems, stats: { ...report.stats, findings: all.length } }, reportFlags(values), io);
  return all.every((f) => f.verification?.status === 'revoked') ? EXIT_CLEAN : EXIT_FINDINGS;
}
