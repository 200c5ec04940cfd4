import type { Finding, Location, Match, Origin, Problem, ScanStats, SkipReason, SourceBlob } from '../core/types.js';
import { detect } from '../detect/detect.js';
import { findingId, gitBlobId, secretSha256 } from '../detect/identity.js';
import { redact } from '../detect/redact.js';
import type { RuleSet } from '../rules/rule-types.js';
import { hasAllowComment } from '../suppress/allow-comment.js';
import { remediationFor } from '../verify/remediation.js';

type BlobMatches = { matches: Match[]; allowed: boolean[] };

/** The state of one scan: every blob goes through `addBlob`; findings come out grouped by secret. */
export type Collector = {
  addBlob(blob: SourceBlob): void;
  addSkip(path: string, reason: SkipReason): void;
  addProblem(problem: Problem): void;
  findings(): Finding[];
  problems(): Problem[];
  stats(): Omit<ScanStats, 'findings' | 'ignoredFindings' | 'durationMs'>;
};

/**
 * Groups matches into one finding per secret. Blobs without the marker cost one `indexOf` and are not
 * even hashed; a blob that matched is keyed by git's blob id so identical content is detected once.
 */
export function createCollector(rules: RuleSet): Collector {
  const bySecret = new Map<string, Finding>();
  const byBlob = new Map<string, BlobMatches>();
  const problems: Problem[] = [];
  const skipped: Partial<Record<SkipReason, number>> = {};
  let filesScanned = 0;
  let bytesScanned = 0;

  const matchesOf = (blob: SourceBlob): { id: string; found: BlobMatches } | null => {
    if (blob.bytes.indexOf(rules.marker) === -1) return null;
    const id = blob.id ?? gitBlobId(blob.bytes);
    let found = byBlob.get(id);
    if (!found) {
      const matches = detect(blob.bytes, rules);
      found = { matches, allowed: matches.map((m) => hasAllowComment(blob.bytes, m.offset, m.secret.length)) };
      byBlob.set(id, found);
    }
    return { id, found };
  };

  return {
    addBlob(blob) {
      filesScanned++;
      bytesScanned += blob.bytes.length;
      const hit = matchesOf(blob);
      if (!hit) return;
      hit.found.matches.forEach((match, i) => {
        const finding = findingFor(bySecret, match, rules);
        const location = locationOf(blob.origin, match, hit.id);
        if (hit.found.allowed[i]) location.suppressed = 'allow-comment';
        finding.locations.push(location);
      });
    },
    addSkip(_path, reason) {
      skipped[reason] = (skipped[reason] ?? 0) + 1;
    },
    addProblem(problem) {
      problems.push(problem);
    },
    findings: () => [...bySecret.values()],
    problems: () => [...problems],
    stats: () => ({ filesScanned, bytesScanned, skipped: { ...skipped }, problems: problems.length }),
  };
}

function findingFor(bySecret: Map<string, Finding>, match: Match, rules: RuleSet): Finding {
  let finding = bySecret.get(match.secret);
  if (finding) return finding;
  const rule = rules.rules.find((r) => r.id === match.ruleId)!;
  const sha = secretSha256(match.secret);
  finding = {
    id: findingId(sha),
    secretSha256: sha,
    ruleId: rule.id,
    keyType: rule.keyType,
    format: rule.format,
    confidence: rule.confidence,
    redacted: redact(match.secret),
    secret: match.secret,
    locations: [],
    remediation: remediationFor(rule.keyType, rule.format),
  };
  bySecret.set(match.secret, finding);
  return finding;
}

function locationOf(origin: Origin, match: Match, blobId: string): Location {
  const base = { line: match.line, column: match.column, offset: match.offset, blobId };
  switch (origin.kind) {
    case 'file':
      return { source: 'file', path: origin.path, ...base };
    case 'staged':
      return { source: 'staged', path: origin.path, ...base };
    case 'stdin':
      return { source: 'stdin', path: null, ...base };
    case 'git': {
      const { kind: _kind, ...git } = origin;
      return { source: 'git', ...git, ...base };
    }
  }
}
