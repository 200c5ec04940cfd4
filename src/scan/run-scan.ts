import { introducedBy, shownPath } from '../core/location-facts.js';
import type { Finding, Location, Problem, ScanResult } from '../core/types.js';
import type { RuleSet } from '../rules/rule-types.js';
import type { ScanEvent } from './scan-events.js';
import { applySuppressions } from '../suppress/apply-suppressions.js';
import type { Suppressions } from '../suppress/suppressions.js';
import { createCollector } from './collect-findings.js';

/** Running counts while a scan reads: objects or files read, bytes, distinct keys found so far. */
export type ScanProgress = (done: number, bytes: number, findings: number) => void;

/** Progress is reported every this many items (and once at the end), so a listener costs nothing noticeable. */
const PROGRESS_EVERY = 64;

/** Runs every source through the detector, then groups, suppresses and sorts. The order of output never depends on timing. */
export type ScanHooks = {
  /** Runs on the grouped findings before suppression: history scans name commits and paths here. */
  attribute?: (findings: Finding[]) => Promise<Problem[] | void>;
  now?: () => number;
  progress?: ScanProgress;
};

export async function runScan(sources: Array<AsyncIterable<ScanEvent>>, rules: RuleSet, suppressions: Suppressions, hooks: ScanHooks = {}): Promise<ScanResult> {
  const now = hooks.now ?? Date.now;
  const started = now();
  const collector = createCollector(rules);
  let items = 0;
  const report = () => {
    const stats = collector.stats();
    hooks.progress?.(stats.filesScanned, stats.bytesScanned, collector.secretCount());
  };
  for (const source of sources) {
    for await (const event of source) {
      if (event.kind === 'blob') collector.addBlob(event.blob);
      else if (event.kind === 'detected') collector.addDetected(event.origin, event.byteLength, event.detection);
      else if (event.kind === 'skip') collector.addSkip(event.path, event.reason);
      else collector.addProblem(event.problem);
      if (hooks.progress && ++items % PROGRESS_EVERY === 0) report();
    }
  }
  if (hooks.progress) report();
  const all = collector.findings();
  const attributionProblems = (await hooks.attribute?.(all)) ?? [];
  for (const finding of all) finding.locations.sort(compareLocations);
  const { reported, ignored } = applySuppressions(all, suppressions);
  reported.sort(compareFindings);
  ignored.sort(compareFindings);
  const problems = [...collector.problems(), ...attributionProblems].sort((a, b) => compareText(a.path, b.path));
  return {
    findings: reported,
    ignored,
    problems,
    stats: { ...collector.stats(), problems: problems.length, findings: reported.length, ignoredFindings: ignored.length, placeholders: countPlaceholders(ignored), durationMs: now() - started },
  };
}

const STATUS_RANK = { live: 0, unknown: 1, revoked: 2 } as const;

/** Live keys first (when verified), then admin keys (organisation-wide), then by where they were first seen. */
export function compareFindings(a: Finding, b: Finding): number {
  const status = STATUS_RANK[a.verification?.status ?? 'unknown'] - STATUS_RANK[b.verification?.status ?? 'unknown'];
  if (status !== 0) return status;
  if (a.keyType !== b.keyType) return a.keyType === 'admin' ? -1 : 1;
  const first = compareLocations(a.locations[0], b.locations[0]);
  return first !== 0 ? first : compareText(a.id, b.id);
}

function compareLocations(a: Location | undefined, b: Location | undefined): number {
  if (!a || !b) return a ? -1 : b ? 1 : 0;
  return (
    compareText(shownPath(a) ?? '', shownPath(b) ?? '') ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    a.offset - b.offset ||
    compareText(introducedBy(a)?.commit ?? '', introducedBy(b)?.commit ?? '')
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function countPlaceholders(ignored: Finding[]): number {
  return ignored.filter((f) => f.suppressed === 'placeholder').length;
}
