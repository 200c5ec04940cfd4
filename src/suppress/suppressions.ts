import type { Ignore } from 'ignore';

/** Path globs from one ignore file, applying to locations under `root` (the scan root as shown; '' for the current directory). */
export type PathRule = { root: string; matcher: Ignore };

/** Everything that can suppress a finding; all keyed on the secret's SHA-256 or on paths, never on the key. */
export type Suppressions = {
  secretHashes: Set<string>;
  pathRules: PathRule[];
  baselineHashes: Set<string>;
};

export const NO_SUPPRESSIONS: Suppressions = { secretHashes: new Set(), pathRules: [], baselineHashes: new Set() };
