import { UsageError } from '../core/errors.js';
import type { ScanResult } from '../core/types.js';
import type { RuleSet } from '../rules/rule-types.js';
import { openSweepStore } from '../sweep/sweep-store.js';
import { type SweepReportOptions, sweepReport } from './sweep-report.js';

/** A past sweep, re-read from its store without scanning anything: the latest one unless `sweepId` is given. */
export function storedSweep(storePath: string, sweepId: number | null, rules: RuleSet, options: SweepReportOptions): { sweepId: number; result: ScanResult } {
  const store = openSweepStore(storePath, 'existing');
  try {
    const id = sweepId ?? store.latestSweep();
    if (id === null) throw new UsageError(`${storePath} holds no sweep yet`);
    if (!store.sweepExists(id)) throw new UsageError(`${storePath} has no sweep ${id}`);
    // A shard whose share was empty swept nothing: an empty report, not an error.
    const runs = store.runs(id);
    const result = sweepReport(id, runs, store.findings(id), rules, { ...options, decisions: store.decisions(), repoClaims: store.repoIgnoreFiles() });
    // A sweep that never finished covers only part of its repositories: say so, never look complete.
    if (!store.sweepFinished(id)) result.problems.unshift({ path: `sweep ${id}`, code: 'SWEEP_INCOMPLETE', reason: 'this sweep was interrupted and has not been resumed: only the repositories listed were swept' });
    return { sweepId: id, result: { ...result, stats: { ...result.stats, problems: result.problems.length } } };
  } finally {
    store.close();
  }
}
