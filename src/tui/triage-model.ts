import type { AppliedDecision, Finding } from '../core/types.js';

/** One row of triage: a finding (never with its key unless the session was started with --show-secrets), where it was seen, and its decision. */
export type TriageItem = { finding: Finding; repos: string[]; decision: AppliedDecision | null };

/** What the verifier last said, as the list shows it. */
export type VerifyLabel = 'live' | 'unknown' | 'not verified' | 'revoked';
/** Where a finding stands in triage: open, decided, or reopened by a decision that no longer holds. */
export type TriageLabel = 'open' | AppliedDecision['kind'] | 'reopened';

export type SortColumn = 'severity' | 'key' | 'type' | 'verified' | 'repository' | 'locations' | 'triage';
export const SORT_COLUMNS: readonly SortColumn[] = ['severity', 'key', 'type', 'verified', 'repository', 'locations', 'triage'];

export type TypeFilter = 'all' | 'admin' | 'project';
export type StatusFilter = 'all' | VerifyLabel | 'open' | 'decided';
export const TYPE_FILTERS: readonly TypeFilter[] = ['all', 'admin', 'project'];
export const STATUS_FILTERS: readonly StatusFilter[] = ['all', 'open', 'decided', 'live', 'unknown', 'not verified', 'revoked'];

export type Filter = { type: TypeFilter; status: StatusFilter; repo: string | null; text: string };

export function verifyLabel(item: TriageItem): VerifyLabel {
  return item.finding.verification?.status ?? 'not verified';
}

export function triageLabel(item: TriageItem): TriageLabel {
  if (!item.decision) return 'open';
  return item.decision.state === 'active' ? item.decision.kind : 'reopened';
}

/** Live admin keys first, then live project keys, unknown, not verified, and revoked last. */
export function severityRank(item: TriageItem): number {
  const label = verifyLabel(item);
  if (label === 'live') return item.finding.keyType === 'admin' ? 0 : 1;
  return { unknown: 2, 'not verified': 3, revoked: 4 }[label];
}

export function matchesFilter(item: TriageItem, filter: Filter): boolean {
  if (filter.type !== 'all' && item.finding.keyType !== filter.type) return false;
  if (filter.repo !== null && !item.repos.includes(filter.repo)) return false;
  if (filter.status === 'open' && triageLabel(item) !== 'open' && triageLabel(item) !== 'reopened') return false;
  if (filter.status === 'decided' && (triageLabel(item) === 'open' || triageLabel(item) === 'reopened')) return false;
  if (!['all', 'open', 'decided'].includes(filter.status) && verifyLabel(item) !== filter.status) return false;
  if (filter.text !== '') {
    const needle = filter.text.toLowerCase();
    const haystack = [item.finding.redacted, item.finding.secretSha256, item.finding.format, item.finding.keyType, triageLabel(item), ...item.repos, ...item.finding.locations.map((l) => l.path ?? '')].join('\n').toLowerCase();
    if (!haystack.includes(needle)) return false;
  }
  return true;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function compareBy(column: SortColumn): (a: TriageItem, b: TriageItem) => number {
  // Within a rank, admin keys (organisation-wide) come first.
  const tie = (a: TriageItem, b: TriageItem) =>
    severityRank(a) - severityRank(b) || compareText(a.finding.keyType, b.finding.keyType) || compareText(a.finding.secretSha256, b.finding.secretSha256);
  const primary: Record<SortColumn, (a: TriageItem, b: TriageItem) => number> = {
    severity: () => 0,
    key: (a, b) => compareText(a.finding.redacted, b.finding.redacted),
    type: (a, b) => compareText(a.finding.keyType, b.finding.keyType) || compareText(a.finding.format, b.finding.format),
    verified: (a, b) => compareText(verifyLabel(a), verifyLabel(b)),
    repository: (a, b) => compareText(a.repos[0] ?? '', b.repos[0] ?? ''),
    locations: (a, b) => b.finding.locations.length - a.finding.locations.length,
    triage: (a, b) => compareText(triageLabel(a), triageLabel(b)),
  };
  return (a, b) => primary[column](a, b) || tie(a, b);
}

/** The rows shown, in order: filtered, then sorted by the chosen column (severity breaks ties). */
export function visibleItems(items: readonly TriageItem[], filter: Filter, sort: { column: SortColumn; descending: boolean }): TriageItem[] {
  const sorted = items.filter((i) => matchesFilter(i, filter)).sort(compareBy(sort.column));
  return sort.descending ? sorted.reverse() : sorted;
}

/** Counts for the header: per verification status and how many are still open. */
export function statusCounts(items: readonly TriageItem[]): Record<VerifyLabel | 'open' | 'decided', number> {
  const counts = { live: 0, unknown: 0, 'not verified': 0, revoked: 0, open: 0, decided: 0 };
  for (const item of items) {
    counts[verifyLabel(item)] += 1;
    const t = triageLabel(item);
    counts[t === 'open' || t === 'reopened' ? 'open' : 'decided'] += 1;
  }
  return counts;
}

/** "3m", "2h", "5d": how long ago a check ran. */
export function age(checkedAt: string, now: number): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(checkedAt)) / 1000));
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86400)}d`;
}
