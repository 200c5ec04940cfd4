import { countPlaceholders } from '../scan/run-scan.js';
import { secretOf } from '../core/secret.js';
import type { Decision, Finding, RepoSummary, ScanResult } from '../core/types.js';
import { remediationFor } from '../rules/remediation.js';
import type { RuleSet } from '../rules/rule-types.js';
import { compareFindings } from '../scan/run-scan.js';
import { applyDecisions, closedByDecision, reopenedByDecision } from '../suppress/apply-decisions.js';
import type { StoredFinding, StoredRun } from '../sweep/sweep-store.js';
import { cleanDecision } from './decision-text.js';
import { repoClaims } from './repo-claims.js';

export type SweepReportOptions = {
  /** Only keys first seen in this sweep. */
  newOnly: boolean;
  /** A swept repository's own keysweep:allow and .keysweepignore do not close a finding: report it open. */
  strict: boolean;
  /** The security team's triage decisions from the store, judged at `asOf`. */
  decisions?: Decision[];
  /** Each swept repository's own .keysweepignore (its claims), judged at `asOf` unless `strict`. */
  repoClaims?: ReadonlyMap<string, string>;
  asOf?: string;
};

/**
 * A sweep as a scan result for the reporters: every key seen in the sweep's repositories, with all its
 * locations, and one summary per repository. Keys are never stored, so findings carry no secret.
 */
export function sweepReport(sweepId: number, runs: StoredRun[], stored: StoredFinding[], rules: RuleSet, options: SweepReportOptions): ScanResult {
  const decisions = (options.decisions ?? []).map((decision) => ({ decision: cleanDecision(decision), root: '' }));
  const asOf = options.asOf ?? new Date().toISOString();
  const claims = repoClaims(options.strict ? new Map() : (options.repoClaims ?? new Map()), asOf);
  const judged: Finding[] = stored
    .map((f) => {
      // Only keysweep:allow (part of the scanned content) and made-up keys are kept from the scan; the
      // repository's file is judged now. --strict drops allow comments, but a placeholder is never a key.
      const bare = f.locations
        .map(({ repoIdentity: _repo, ...location }) => (location.suppressed === 'placeholder' || (!options.strict && location.suppressed === 'allow-comment') ? location : { ...location, suppressed: undefined }))
        .map(dropUndefined);
      const finding: Finding = {
        id: f.id,
        secretSha256: f.secretSha256,
        ruleId: f.ruleId,
        keyType: f.keyType,
        format: f.format,
        formatName: rules.formats[f.format].name,
        confidence: f.confidence,
        // A store is input like any file: only key characters of its redacted form are shown.
        redacted: f.redacted.replace(/[^A-Za-z0-9_…-]/g, '').slice(0, 40),
        secret: secretOf(''),
        locations: bare,
        remediation: remediationFor(rules, f.format),
        ...(f.verification ? { verification: f.verification } : {}),
      };
      return { ...finding, locations: claims(finding, (i) => f.locations[i]!.repoIdentity) };
    })
    .map((f) => applyDecisions(f, decisions, asOf));
  // --new-only: keys first seen in this sweep, and keys a decision no longer closes (they need a person again).
  const firstSeen = new Map(stored.map((f) => [f.secretSha256, f.firstSeenSweep]));
  const all = judged.filter((f) => !options.newOnly || firstSeen.get(f.secretSha256) === sweepId || reopenedByDecision(f));
  const isIgnored = (f: Finding) => !reopenedByDecision(f) && (closedByDecision(f) || (f.locations.length > 0 && f.locations.every((l) => l.suppressed)));
  const findings = all.filter((f) => !isIgnored(f)).map(withoutClosedLocations).sort(compareFindings);
  const ignored = all.filter(isIgnored).map((f) => ({ ...f, suppressed: closedByDecision(f) ? ('decision' as const) : f.locations[0]!.suppressed! })).sort(compareFindings);
  const repositories: RepoSummary[] = runs.map((r) => ({ repository: r.identity, status: r.status, reason: r.reason, scope: r.scope, commits: r.commits, blobs: r.blobs, findings: r.findings, problems: r.problems }));
  const problems = runs.flatMap((r) => (r.status === 'failed' ? [{ path: r.identity, code: 'REPOSITORY_FAILED', reason: r.reason ?? 'failed' }] : r.problems.map((p) => ({ ...p, path: `${r.identity}: ${p.path}` }))));
  return {
    findings,
    ignored,
    problems,
    repositories,
    stats: {
      filesScanned: runs.reduce((n, r) => n + r.blobs + r.commits, 0),
      bytesScanned: runs.reduce((n, r) => n + r.bytes, 0),
      skipped: {},
      findings: findings.length,
      ignoredFindings: ignored.length,
      placeholders: countPlaceholders(ignored),
      problems: problems.length,
      durationMs: 0,
    },
  };
}

/** A finding reopened by a decision that no longer holds shows every location open. */
function withoutClosedLocations(finding: Finding): Finding {
  if (!reopenedByDecision(finding)) return finding;
  return { ...finding, locations: finding.locations.map((l) => dropUndefined({ ...l, suppressed: undefined })) };
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
