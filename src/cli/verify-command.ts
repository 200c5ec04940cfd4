import { resolve } from 'node:path';
import { ReportInputError, UsageError } from '../core/errors.js';
import type { Finding } from '../core/types.js';
import { loadBuiltinRules } from '../rules/load-rules.js';
import type { CliIo } from './cli-io.js';
import { emitReport } from './emit-report.js';
import { EXIT_CLEAN, EXIT_FINDINGS } from './exit-codes.js';
import { VERIFY_HELP } from './help-text.js';
import { parseFlags } from './parse-flags.js';
import { MAX_REPORT_BYTES, readText } from './read-text.js';
import { rebuildFinding } from './rebuild-finding.js';
import { findingId } from '../detect/identity.js';
import { readSmallFile } from '../sources/read-small-file.js';
import { remediationFor } from '../verify/remediation.js';
import { recoverSecret } from './recover-secret.js';
import { REPORT_OPTIONS, reportFlags } from './report-flags.js';
import { type ReportedFinding, parseReport } from './report-input-file.js';
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
  const text = source === '-' ? await readText(io.stdin, MAX_REPORT_BYTES) : await readReportFile(resolve(io.cwd, source));
  const report = parseReport(text, source === '-' ? 'standard input' : source);
  const rules = loadBuiltinRules();
  const findings: Finding[] = [];
  const unreadable: Finding[] = [];
  for (const reported of report.findings) {
    // A key in the report is used only if it re-detects as a key and hashes to the reported SHA-256.
    const given = reported.secret !== null ? rebuildFinding(reported.secret, reported.secretSha256, reported.locations, rules) : null;
    const recovered = given ? null : await recoverSecret(reported.secretSha256, reported.locations, rules, io);
    const finding = given ?? (recovered !== null ? rebuildFinding(recovered, reported.secretSha256, reported.locations, rules) : null);
    if (finding) findings.push(finding);
    else unreadable.push(unreadableFinding(reported));
  }
  await runVerification(findings, verifyFlags(values, true), io);
  const all = [...findings, ...unreadable];
  await emitReport({ findings: all, ignored: [], problems: report.problems, stats: { ...report.stats, findings: all.length } }, reportFlags(values), io);
  return all.every((f) => f.verification?.status === 'revoked') ? EXIT_CLEAN : EXIT_FINDINGS;
}

async function readReportFile(path: string): Promise<string> {
  try {
    return await readSmallFile(path, MAX_REPORT_BYTES, 'report');
  } catch (error) {
    throw new ReportInputError((error as Error).message, { cause: error });
  }
}

/** A reported finding whose key could not be read back: shown with keysweep's own remediation, never verified. */
function unreadableFinding(reported: ReportedFinding): Finding {
  const admin = reported.redactedHint.startsWith('sk-admin-');
  return {
    id: findingId(reported.secretSha256),
    secretSha256: reported.secretSha256,
    ruleId: 'unknown',
    keyType: admin ? 'admin' : 'project',
    format: admin ? 'admin' : 'project',
    confidence: 'low',
    redacted: reported.redactedHint || '(key not read back)',
    secret: '',
    locations: reported.locations,
    remediation: remediationFor(admin ? 'admin' : 'project', admin ? 'admin' : 'project'),
    verification: {
      status: 'unknown',
      permission: null,
      detail: 'not checked: the key could not be read back from the locations in the report (file changed or gone, or not the reported key); re-scan, or write the report with --show-secrets',
      checkedAt: new Date().toISOString(),
    },
  };
}
