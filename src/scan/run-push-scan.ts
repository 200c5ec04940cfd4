import type { ScanResult } from '../core/types.js';
import type { RuleSet } from '../rules/rule-types.js';
import { historySource } from '../sources/git/history-source.js';
import type { GitRepo } from '../sources/git/open-repo.js';
import type { PushUpdate } from '../sources/git/push-updates.js';
import type { Suppressions } from '../suppress/suppressions.js';
import { attributeHistory } from './attribute-history.js';
import { newGitStats } from './git-stats.js';
import { planPush } from './plan-push.js';
import { runScan } from './run-scan.js';

/** The blobs and messages a push adds, scanned and attributed to the unpushed commits that introduced them. Null when the push adds nothing. */
export async function runPushScan(repo: GitRepo, remote: string, updates: PushUpdate[], rules: RuleSet, suppressions: Suppressions, maxBlobSize: number): Promise<ScanResult | null> {
  const plan = await planPush(repo, remote, updates);
  if (!plan) return null;
  const git = newGitStats(repo, { refs: updates.length, scope: plan.label });
  const result = await runScan([historySource(repo, plan.selection, maxBlobSize, git)], rules, suppressions, {
    attribute: (findings) => attributeHistory(findings, repo, plan.revisions, null, rules.marker.toString('latin1')),
  });
  return { ...result, stats: { ...result.stats, git } };
}
