import type { Ignore } from 'ignore';
import type { Decision } from '../core/types.js';

/** Path globs from one ignore file, applying to locations under `root` (the scan root as shown; '' for the current directory). */
export type PathRule = { root: string; matcher: Ignore };

/** Everything that can suppress a finding; all keyed on the secret's SHA-256 or on paths, never on the key. */
export type Suppressions = {
  secretHashes: Set<string>;
  pathRules: PathRule[];
  baselineHashes: Set<string>;
  /** Triage decisions, each with the directory its path glob is relative to ('' for the current directory). */
  decisions: Array<{ decision: Decision; root: string }>;
  /** The moment decisions are judged at (ISO 8601): an accepted risk whose date has passed reopens. */
  asOf: string;
};

export function noSuppressions(asOf: string): Suppressions {
  return { secretHashes: new Set(), pathRules: [], baselineHashes: new Set(), decisions: [], asOf };
}

/** Nothing suppressed and no decisions (so no moment to judge them at is needed). */
export const NO_SUPPRESSIONS: Suppressions = noSuppressions('');
