import { safeJson } from './safe-json.js';
import { findingJson } from './finding-json.js';
import type { ReportInput } from './report-input.js';

export const SCHEMA_VERSION = 1;

/** `--format json`: one object, `{ schemaVersion, tool, findings, [ignored], stats, problems }`. */
export function jsonReport(input: ReportInput): string {
  const { showSecrets, showIgnored } = input.options;
  const report = {
    schemaVersion: SCHEMA_VERSION,
    tool: input.tool,
    findings: input.findings.map((f) => findingJson(f, showSecrets)),
    ...(showIgnored ? { ignored: input.ignored.map((f) => findingJson(f, showSecrets)) } : {}),
    stats: input.stats,
    problems: input.problems,
    ...(input.repositories ? { repositories: input.repositories } : {}),
  };
  return `${safeJson(report, 2)}\n`;
}
