/**
 * Typed errors, thrown deep and mapped to exit codes once, in cli/. Messages carry context but never a
 * full secret.
 */

/** The user asked for something that cannot work: bad flag, bad path. Exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The scan could not run or did not happen (unreadable root, nothing scanned). Exit 2. */
export class ScanError extends Error {
  override name = 'ScanError';
}

/** A rule file is malformed; this is a bug in keysweep or a user's custom rules. Exit 2. */
export class RuleError extends Error {
  override name = 'RuleError';
  constructor(
    message: string,
    readonly ruleId: string | null,
    options?: ErrorOptions,
  ) {
    super(ruleId ? `rule ${ruleId}: ${message}` : message, options);
  }
}

/** A report given as input (a baseline) could not be used. Exit 2. */
export class ReportInputError extends Error {
  override name = 'ReportInputError';
}

/** A sweep store that cannot be opened or used: missing, not SQLite, a symlink, a newer schema. Exit 2. */
export class StoreError extends Error {
  override name = 'StoreError';
}
