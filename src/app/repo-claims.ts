import type { Finding, Location, SuppressionReason } from '../core/types.js';
import { applySuppressions } from '../suppress/apply-suppressions.js';
import { parseIgnoreFile } from '../suppress/ignore-file.js';
import { type Suppressions, noSuppressions } from '../suppress/suppressions.js';
import { cleanDecision } from './decision-text.js';

/**
 * Swept repositories' own .keysweepignore files, judged when a report is made: each location is marked with
 * what its own repository's file says about it now (a hash, a path glob, a decision and its end date), so an
 * accepted risk that has run out, or a file that was deleted since, no longer hides a key. A key seen in
 * several repositories is judged by each repository for its own locations.
 */
export function repoClaims(files: ReadonlyMap<string, string>, asOf: string) {
  const parsed = new Map<string, Suppressions | null>();
  const claimsOf = (repo: string): Suppressions | null => {
    if (!parsed.has(repo)) {
      const text = files.get(repo);
      const file = text === undefined ? null : parseIgnoreFile(text, '');
      const suppressions = file && file.errors.length === 0 ? noSuppressions(asOf) : null;
      if (file && suppressions) {
        for (const hash of file.secretHashes) suppressions.secretHashes.add(hash);
        if (file.pathRule) suppressions.pathRules.push(file.pathRule);
        for (const decision of file.decisions) suppressions.decisions.push({ decision: cleanDecision(decision), root: '' });
      }
      parsed.set(repo, suppressions);
    }
    return parsed.get(repo)!;
  };
  /** The locations of one finding, each with its repository's claim about it (if any) as `suppressed`. */
  return (finding: Finding, repoOf: (index: number) => string): Location[] =>
    finding.locations.map((location, index) => {
      const claims = claimsOf(repoOf(index));
      if (!claims || location.suppressed) return location;
      const { reported, ignored } = applySuppressions([{ ...finding, locations: [{ ...location }] }], claims);
      const judged = (reported[0] ?? ignored[0])!;
      const reason: SuppressionReason | undefined = judged.locations[0]!.suppressed ?? ignored[0]?.suppressed;
      return reason ? { ...location, suppressed: reason } : location;
    });
}
