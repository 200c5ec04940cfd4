import ignore, { type Ignore } from 'ignore';
import type { AppliedDecision, Decision, Finding, Location } from '../core/types.js';
import { relativeTo } from './relative-path.js';
import type { Suppressions } from './suppressions.js';

/**
 * Triage decisions, judged for one finding at `asOf`. A decision for the whole key closes the finding; one
 * scoped to a path glob closes the locations under it. Decisions stay honest over time: an accepted risk whose
 * date has passed (`expired`) and a key decided revoked that verifies live (`contradicted`) close nothing, and
 * the finding carries the decision so the report says why it is open again. Of several decisions for the
 * same scope, the latest stands.
 */
export function applyDecisions(finding: Finding, entries: Suppressions['decisions'], asOf: string): Finding {
  const mine = entries.filter((e) => e.decision.sha256 === finding.secretSha256);
  if (mine.length === 0) return finding;
  const whole = latest(mine.filter((e) => e.decision.path === null));
  const scoped = latestPerScope(mine.filter((e) => e.decision.path !== null));
  const locations = finding.locations.map((location) => {
    if (location.suppressed) return location;
    const closing = scoped.find((e) => stateOf(e.decision, finding, asOf) === 'active' && underGlob(location, e.root, e.decision.path!));
    return closing ? { ...location, suppressed: 'decision' as const } : location;
  });
  const shown = whole ?? latest(scoped);
  return { ...finding, locations, ...(shown ? { decision: applied(shown.decision, finding, asOf) } : {}) };
}

/** True when the finding's decision closes the whole key. */
export function closedByDecision(finding: Finding): boolean {
  return finding.decision !== undefined && finding.decision.path === null && finding.decision.state === 'active';
}

/** True when a decision about this finding no longer holds: it is reported open, whatever else would hide it. */
export function reopenedByDecision(finding: Finding): boolean {
  return finding.decision !== undefined && finding.decision.state !== 'active';
}

/** The decision's state now: an accepted risk lasts through its `until` day; a revoked key that answers live contradicts it. */
export function stateOf(decision: Decision, finding: Pick<Finding, 'verification'>, asOf: string): AppliedDecision['state'] {
  if (decision.kind === 'accepted-risk' && decision.until !== null && asOf.slice(0, 10) > decision.until) return 'expired';
  if (decision.kind === 'revoked' && finding.verification?.status === 'live') return 'contradicted';
  return 'active';
}

function applied(decision: Decision, finding: Finding, asOf: string): AppliedDecision {
  const { sha256: _sha, ...rest } = decision;
  return { ...rest, state: stateOf(decision, finding, asOf) };
}

type Entry = Suppressions['decisions'][number];

function latest(entries: Entry[]): Entry | null {
  // Later in the list wins a tie: a file read top to bottom, a store in the order it was written.
  return entries.reduce<Entry | null>((best, e) => (best === null || e.decision.at >= best.decision.at ? e : best), null);
}

function latestPerScope(entries: Entry[]): Entry[] {
  const byScope = new Map<string, Entry[]>();
  for (const e of entries) {
    const scope = `${e.root}\u0000${e.decision.path}`;
    const list = byScope.get(scope);
    if (list) list.push(e);
    else byScope.set(scope, [e]);
  }
  return [...byScope.values()].map((list) => latest(list)!);
}

// One matcher per glob, however many locations and decisions ask (a hostile file can hold many).
const matchers = new Map<string, Ignore>();

function underGlob(location: Location, root: string, glob: string): boolean {
  if (location.path === null) return false;
  const relative = relativeTo(location.path, root);
  if (relative === null) return false;
  let matcher = matchers.get(glob);
  if (!matcher) {
    if (matchers.size > 10_000) matchers.clear();
    matcher = ignore({ allowRelativePaths: true }).add(glob);
    matchers.set(glob, matcher);
  }
  return matcher.ignores(relative);
}

/**
 * After verification: a key decided revoked that now answers live leaves the ignored findings and is
 * reported again, its decision marked contradicted.
 */
export function reconsiderAfterVerification(result: { findings: Finding[]; ignored: Finding[] }): { findings: Finding[]; ignored: Finding[] } {
  const findings = [...result.findings];
  const ignored: Finding[] = [];
  for (const finding of result.ignored) {
    const d = finding.decision;
    if (d && d.state === 'active' && d.kind === 'revoked' && finding.verification?.status === 'live') {
      const { suppressed: _closed, ...open } = finding;
      findings.push({ ...open, decision: { ...d, state: 'contradicted' }, locations: finding.locations.map(reopenLocation) });
    } else {
      ignored.push(finding);
    }
  }
  return { findings, ignored };
}

function reopenLocation(location: Location): Location {
  if (location.suppressed !== 'decision') return location;
  const { suppressed: _closed, ...open } = location;
  return open as Location;
}
