import type { Finding, Location, SuppressionReason } from '../core/types.js';
import { applyDecisions, closedByDecision, reopenedByDecision } from './apply-decisions.js';
import { relativeTo } from './relative-path.js';
import type { PathRule, Suppressions } from './suppressions.js';

export type SuppressedSplit = { reported: Finding[]; ignored: Finding[] };

/**
 * Splits findings into reported and ignored. A secret listed by hash (ignore file, baseline) is ignored
 * wherever it appears; a path glob or an allow comment suppresses one location, and the finding stays
 * reported while any location is not suppressed. Nothing is dropped: ignored findings are returned.
 */
export function applySuppressions(findings: Finding[], suppressions: Suppressions): SuppressedSplit {
  const reported: Finding[] = [];
  const ignored: Finding[] = [];
  for (const found of findings) {
    const finding = applyDecisions(found, suppressions.decisions, suppressions.asOf);
    for (const location of finding.locations) {
      if (!location.suppressed && pathSuppressed(location, suppressions.pathRules)) location.suppressed = 'ignore-file-path';
    }
    const reason = findingReason(finding, suppressions);
    if (reason) ignored.push({ ...finding, suppressed: reason });
    else reported.push(finding);
  }
  return { reported, ignored };
}

function findingReason(finding: Finding, suppressions: Suppressions): SuppressionReason | null {
  // A made-up key is not a key: that is what the report says of it, whatever else is decided about it.
  if (finding.locations.length > 0 && finding.locations.every((l) => l.suppressed === 'placeholder')) return 'placeholder';
  // A decision that no longer holds (an expired accepted risk, a "revoked" key that answers live) reopens the
  // key whatever else would hide it: someone decided, and the facts changed since.
  if (reopenedByDecision(finding)) return null;
  if (closedByDecision(finding)) return 'decision';
  if (suppressions.secretHashes.has(finding.secretSha256)) return 'ignore-file-secret';
  if (suppressions.baselineHashes.has(finding.secretSha256)) return 'baseline';
  const first = finding.locations[0]?.suppressed;
  if (first && finding.locations.every((l) => l.suppressed)) return first;
  return null;
}

function pathSuppressed(location: Location, rules: PathRule[]): boolean {
  if (location.path === null) return false;
  for (const rule of rules) {
    const relative = relativeTo(location.path, rule.root);
    if (relative !== null && rule.matcher.ignores(relative)) return true;
  }
  return false;
}
