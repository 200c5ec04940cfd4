import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { errorCode } from '../core/error-code.js';
import { ReportInputError, UsageError } from '../core/errors.js';
import type { Finding } from '../core/types.js';
import { loadBuiltinRules } from '../rules/load-rules.js';
import type { CliIo } from './cli-io.js';
import { emitReport } from './emit-report.js';
import { EXIT_CLEAN, EXIT_FINDINGS } from './exit-codes.js';
import { VERIFY_HELP } from './help-text.js';
import { parseFlags } from './parse-flags.js';
import { readText } from './read-text.js';
import { recoverSecret } from './recover-secret.js';
import { REPORT_OPTIONS, reportFlags } from './report-flags.js';
import { parseReport } from './report-input-file.js';
import { runVerification } from './run-verification.js';
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
  const text = source === '-' ? await readText(io.stdin) : await readFile(resolve(io.cwd, source), 'utf8').catch((error: unknown) => {
    throw new ReportInputError(`cannot read ${source}: ${errorCode(error)}`, { cause: error });
  });
  const report = parseReport(text, source === '-' ? 'standard input' : source);
  const rules = loadBuiltinRules();
  const findings: Finding[] = [];
  const unreadable: Finding[] = [];
  for (const reported of report.findings) {
    const secret = reported.secret ?? (await recoverSecret(reported.secretSha256, reported.locations, rules, io));
    const finding = { ...reported, secret: secret ?? '' };
    (secret ? findings : unreadable).push(finding);
  }
  await runVerification(findings, verifyFlags(values, true), io);
  for (const finding of unreadable) {
    finding.verification = { status: 'unknown', permission: null, detail: 'not checked: the key could not be read back from the locations in the report (file changed or gone); re-scan, or write the report with --show-secrets', checkedAt: new Date().toISOString() };
  }
  const all = [...findings, ...unreadable];
  await emitReport({ findings: all, ignored: [], problems: report.problems, stats: { ...report.stats, findings: all.length } }, reportFlags(values), io);
  return all.every((f) => f.verification?.status === 'revoked') ? EXIT_CLEAN : EXIT_FINDINGS;
}
