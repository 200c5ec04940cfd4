import type { ScanResult } from '../core/types.js';
import type { RuleSet } from '../rules/rule-types.js';
import { historySource } from '../sources/git/history-source.js';
import type { GitRepo } from '../sources/git/open-repo.js';
import type { Suppressions } from '../suppress/suppressions.js';
import { attributeHistory } from './attribute-history.js';
import { newGitStats } from './git-stats.js';
import type { HistoryPlan } from './plan-history.js';
import { runScan } from './run-scan.js';
import { skipsAsProblems } from './skips-as-problems.js';

/** The blobs and messages a push adds (see planPush), scanned and attributed to the unpushed commits that introduced them. */
export async function runPushScan(repo: GitRepo, plan: HistoryPlan, refs: number, rules: RuleSet, suppressions: Suppressions, maxBlobSize: number): Promise<ScanResult> {
  const git = newGitStats(repo, { refs, scope: plan.label });
  const source = skipsAsProblems(historySource(repo, plan.selection, { maxBlobSize, stats: git }), maxBlobSize);
  const result = await runScan([source], rules, suppressions, {
    attribute: (findings) => attributeHistory(findings, repo, plan.revisions, null, rules),
  });
  return { ...result, stats: { ...result.stats, git } };
}
