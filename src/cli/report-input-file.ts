import { ReportInputError } from '../core/errors.js';
import type { Finding, Location, Problem, ScanStats } from '../core/types.js';

/** A finding as read back from a `--format json` report; `secret` is there only if it was written with --show-secrets. */
export type ReportedFinding = Omit<Finding, 'secret'> & { secret: string | null };

export type ReadReport = { findings: ReportedFinding[]; stats: ScanStats; problems: Problem[] };

/** Parses a keysweep JSON report (schema version 1) back into findings. */
export function parseReport(text: string, name: string): ReadReport {
  let report: { schemaVersion?: unknown; findings?: unknown; stats?: unknown; problems?: unknown };
  try {
    report = JSON.parse(text) as typeof report;
  } catch (error) {
    throw new ReportInputError(`${name} is not JSON (use a report written with --format json)`, { cause: error });
  }
  if (report?.schemaVersion !== 1 || !Array.isArray(report.findings)) throw new ReportInputError(`${name} is not a keysweep JSON report with schemaVersion 1`);
  const findings = report.findings.map((raw, i) => {
    const f = raw as Record<string, unknown>;
    const sha = f.secretSha256;
    if (typeof sha !== 'string' || !/^[0-9a-f]{64}$/.test(sha) || (f.keyType !== 'admin' && f.keyType !== 'project') || !Array.isArray(f.locations)) {
      throw new ReportInputError(`${name}: finding ${i} is not a keysweep finding (secretSha256, keyType, locations)`);
    }
    return {
      id: String(f.id),
      secretSha256: sha,
      ruleId: String(f.rule),
      keyType: f.keyType,
      format: f.format as Finding['format'],
      confidence: (f.confidence as Finding['confidence']) ?? 'high',
      redacted: String(f.redacted),
      secret: typeof f.secret === 'string' ? f.secret : null,
      locations: f.locations as Location[],
      remediation: f.remediation as Finding['remediation'],
    } satisfies ReportedFinding;
  });
  return { findings, stats: (report.stats ?? {}) as ScanStats, problems: Array.isArray(report.problems) ? (report.problems as Problem[]) : [] };
}
