import { secretOf } from '../core/secret.js';
import { resolve } from 'node:path';
import { ReportInputError } from '../core/errors.js';
import type { Finding, Problem, ScanStats } from '../core/types.js';
import { findingId } from '../detect/identity.js';
import type { RuleSet } from '../rules/rule-types.js';
import { readSmallFile } from '../sources/read-small-file.js';
import { remediationFor } from '../rules/remediation.js';
import { rebuildFinding } from './rebuild-finding.js';
import { recoverSecret } from './recover-secret.js';
import { type ReportedFinding, parseReport } from './report-input-file.js';
import type { RunContext } from './run-context.js';

/** Reports larger than this are refused by size: a crafted one must not exhaust memory. */
export const MAX_REPORT_BYTES = 256 * 1024 * 1024;

/**
 * A JSON report loaded for re-use (verification, triage): `findings` hold keys read back and re-detected,
 * `unreadable` are findings whose key could not be read back (shown, never verified).
 */
export type LoadedReport = { findings: Finding[]; unreadable: Finding[]; problems: Problem[]; stats: ScanStats };

/** Reads a report file (a regular file, bounded in size). */
export async function readReportFile(path: string, cwd: string): Promise<string> {
  try {
    return await readSmallFile(resolve(cwd, path), MAX_REPORT_BYTES, 'report');
  } catch (error) {
    throw new ReportInputError((error as Error).message, { cause: error });
  }
}

/**
 * Parses a report and gets each key back: from the report (written with --show-secrets) or from the file
 * or blob it names. A key is used only if it re-detects as a key and hashes to the reported SHA-256.
 */
export async function loadReport(text: string, name: string, rules: RuleSet, context: RunContext): Promise<LoadedReport> {
  const report = parseReport(text, name);
  const findings: Finding[] = [];
  const unreadable: Finding[] = [];
  for (const reported of report.findings) {
    const given = reported.secret !== null ? rebuildFinding(reported.secret, reported.secretSha256, reported.locations, rules) : null;
    const recovered = given ? null : await recoverSecret(reported.secretSha256, reported.locations, rules, context);
    const finding = given ?? (recovered !== null ? rebuildFinding(recovered, reported.secretSha256, reported.locations, rules) : null);
    if (finding) findings.push(finding);
    else unreadable.push(unreadableFinding(reported, rules));
  }
  return { findings, unreadable, problems: report.problems, stats: report.stats };
}

/** A reported finding whose key could not be read back: shown with keysweep's own remediation, never verified. */
function unreadableFinding(reported: ReportedFinding, rules: RuleSet): Finding {
  const admin = reported.redactedHint.startsWith('sk-admin-');
  return {
    id: findingId(reported.secretSha256),
    secretSha256: reported.secretSha256,
    ruleId: 'unknown',
    keyType: admin ? 'admin' : 'project',
    format: admin ? 'admin' : 'project',
    formatName: rules.formats[admin ? 'admin' : 'project'].name,
    confidence: 'low',
    redacted: reported.redactedHint || '(key not read back)',
    secret: secretOf(''),
    locations: reported.locations,
    remediation: remediationFor(rules, admin ? 'admin' : 'project'),
    verification: {
      status: 'unknown',
      permission: null,
      detail: 'not checked: the key could not be read back from the locations in the report (file changed or gone, or not the reported key); re-scan, or write the report with --show-secrets',
      checkedAt: new Date().toISOString(),
    },
  };
}
