import type { ScanResult } from '../core/types.js';
import type { RuleSet } from '../rules/rule-types.js';
import { historySource } from '../sources/git/history-source.js';
import type { GitRepo } from '../sources/git/open-repo.js';
import type { Suppressions } from '../suppress/suppressions.js';
import { attributeHistory } from './attribute-history.js';
import { gitStatsOf } from './git-stats.js';
import type { HistoryPlan } from './plan-history.js';
import { nameScanFor } from './name-scan-for.js';
import { runScan } from './run-scan.js';
import { skipsAsProblems } from './skips-as-problems.js';

/** The blobs and messages a push adds (see planPush), scanned and attributed to the unpushed commits that introduced them. */
export async function runPushScan(repo: GitRepo, plan: HistoryPlan, refs: number, rules: RuleSet, suppressions: Suppressions, maxBlobSize: number): Promise<ScanResult> {
  const walk = historySource(repo, plan.selection, { maxBlobSize, names: nameScanFor(rules) });
  const result = await runScan([skipsAsProblems(walk.events, maxBlobSize)], rules, suppressions, {
    attribute: (findings) => attributeHistory(findings, repo, plan.revisions, null, rules),
  });
  return { ...result, stats: { ...result.stats, git: gitStatsOf(repo, await walk.walked, result.problems, { refs, scope: plan.label }) } };
}
