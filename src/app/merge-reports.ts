import { ReportInputError } from '../core/errors.js';
import { OPENAI_MARKER } from '../core/openai-marker.js';
import { redactKeysIn } from '../detect/redact-keys-in.js';

type JsonFinding = { secretSha256: string; locations: unknown[]; [key: string]: unknown };
type JsonReport = { schemaVersion: 1; tool?: unknown; findings: JsonFinding[]; ignored?: JsonFinding[]; stats?: Record<string, unknown>; problems?: unknown[]; repositories?: Array<{ repository: string }> };

/**
 * Shard reports (keysweep sweep --format json) combined into one: findings deduplicated by the key's
 * SHA-256 with their locations merged (each once), repositories and problems concatenated, counters
 * added. Reports are untrusted input: only keysweep reports of schema 1 are accepted, and a key is never
 * carried: a report written with --show-secrets is refused, and any key-like text a crafted report hides
 * in another field (a path, a reason, a repository name) is redacted on the way in.
 */
export function mergeReports(texts: Array<{ name: string; text: string }>, redactionPrefixes: readonly string[]): JsonReport {
  const findings = new Map<string, JsonFinding>();
  const ignored = new Map<string, JsonFinding>();
  // Each location once, by its JSON text: a set per key, so merging stays linear in the locations.
  const seenLocations = new Map<JsonFinding, Set<string>>();
  const repositories = new Map<string, { repository: string }>();
  const problems: unknown[] = [];
  const stats: Record<string, number> = {};
  for (const { name, text } of texts) {
    let report: JsonReport;
    try {
      // Values are redacted as they are parsed (escapes decoded); property names by a second pass over the
      // re-serialised text, where every name is plain.
      const values = JSON.parse(text, (_key, value: unknown) => (typeof value === 'string' ? redactKeysIn(value, OPENAI_MARKER, redactionPrefixes) : value)) as unknown;
      report = JSON.parse(redactKeysIn(JSON.stringify(values), OPENAI_MARKER, redactionPrefixes)) as JsonReport;
    } catch (error) {
      throw new ReportInputError(`${name} is not JSON`, { cause: error });
    }
    if (report?.schemaVersion !== 1 || !Array.isArray(report.findings)) throw new ReportInputError(`${name} is not a keysweep JSON report with schemaVersion 1`);
    for (const [target, list] of [[findings, report.findings], [ignored, report.ignored ?? []]] as const) {
      for (const finding of list) {
        if (typeof finding?.secretSha256 !== 'string' || !/^[0-9a-f]{64}$/.test(finding.secretSha256) || !Array.isArray(finding.locations)) throw new ReportInputError(`${name}: a finding is not a keysweep finding`);
        if ('secret' in finding) throw new ReportInputError(`${name} holds full keys (--show-secrets); merge reports written without it`);
        let merged = target.get(finding.secretSha256);
        if (!merged) {
          merged = { ...finding, locations: [] };
          target.set(finding.secretSha256, merged);
          seenLocations.set(merged, new Set());
        }
        const seen = seenLocations.get(merged)!;
        for (const location of finding.locations) {
          const key = JSON.stringify(location);
          if (seen.has(key)) continue;
          seen.add(key);
          merged.locations.push(location);
        }
      }
    }
    for (const repository of report.repositories ?? []) if (typeof repository?.repository === 'string') repositories.set(repository.repository, repository);
    problems.push(...(Array.isArray(report.problems) ? report.problems : []));
    for (const [key, value] of Object.entries(report.stats ?? {})) if (typeof value === 'number') stats[key] = (stats[key] ?? 0) + value;
  }
  // A key found in one shard and suppressed in another is open: it is reported, not ignored.
  for (const sha of findings.keys()) ignored.delete(sha);
  const byKey = (a: JsonFinding, b: JsonFinding) => (a.secretSha256 < b.secretSha256 ? -1 : a.secretSha256 > b.secretSha256 ? 1 : 0);
  return {
    schemaVersion: 1,
    findings: [...findings.values()].sort(byKey),
    ...(ignored.size > 0 ? { ignored: [...ignored.values()].sort(byKey) } : {}),
    // Counted again from the merged lists: a key seen in two shards is one key.
    stats: { ...stats, findings: findings.size, ignoredFindings: ignored.size, placeholders: [...ignored.values()].filter((f) => f.suppressed === 'placeholder').length },
    problems,
    repositories: [...repositories.values()].sort((a, b) => (a.repository < b.repository ? -1 : 1)),
  };
}
