import { safeJson } from './safe-json.js';
import { findingJson } from './finding-json.js';
import { SCHEMA_VERSION } from './json-report.js';
import type { ReportInput } from './report-input.js';

/**
 * `--format jsonl`: one finding per line (`"type": "finding"`, or `"ignored"` with --show-ignored), one line
 * per problem, and a last `"type": "summary"` line with the stats, so a consumer knows the stream is complete.
 */
export function jsonlReport(input: ReportInput): string {
  const { showSecrets, showIgnored } = input.options;
  const lines: unknown[] = [
    ...input.findings.map((f) => ({ type: 'finding', ...findingJson(f, showSecrets) })),
    ...(showIgnored ? input.ignored.map((f) => ({ type: 'ignored', ...findingJson(f, showSecrets) })) : []),
    ...input.problems.map((p) => ({ type: 'problem', ...p })),
    ...(input.repositories ?? []).map((r) => ({ type: 'repository', ...r })),
    { type: 'summary', schemaVersion: SCHEMA_VERSION, tool: input.tool, stats: input.stats },
  ];
  return lines.map((line) => `${safeJson(line)}\n`).join('');
}
