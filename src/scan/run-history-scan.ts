import type { GitStats, ScanResult } from '../core/types.js';
import type { RuleSet } from '../rules/rule-types.js';
import { type HeadTree, readTree } from '../sources/git/head-tree.js';
import { historySource } from '../sources/git/history-source.js';
import { headCommit, listRefs } from '../sources/git/list-refs.js';
import type { GitRepo } from '../sources/git/open-repo.js';
import type { Suppressions } from '../suppress/suppressions.js';
import { attributeHistory } from './attribute-history.js';
import { newGitStats } from './git-stats.js';
import { type HistoryScopeSpec, planHistory } from './plan-history.js';
import { runScan } from './run-scan.js';

export type HistoryScanResult = ScanResult & { stats: ScanResult['stats'] & { git: GitStats } };

/** Scans a repository's history: every blob (and commit message) of the scope once, then attributes what matched. */
export async function runHistoryScan(repo: GitRepo, scope: HistoryScopeSpec, rules: RuleSet, suppressions: Suppressions, maxBlobSize: number): Promise<HistoryScanResult> {
  const started = Date.now();
  const refs = await listRefs(repo);
  const head = await headCommit(repo);
  const headTree: HeadTree | null = head ? await readTree(repo, head) : null;
  const git = newGitStats(repo, { refs: refs.length, scope: '', unreachableScanned: scope.kind === 'unreachable', submodules: headTree?.submodules ?? [] });
  if (refs.length === 0 && head === null && scope.kind !== 'unreachable') {
    git.scope = 'empty repository';
    return { findings: [], ignored: [], problems: [], stats: { filesScanned: 0, bytesScanned: 0, skipped: {}, findings: 0, ignoredFindings: 0, problems: 0, durationMs: Date.now() - started, git } };
  }
  const plan = await planHistory(repo, scope);
  git.scope = plan.label;
  const allCommits: string[] | undefined = scope.kind === 'unreachable' ? plan.revisions.stdin : undefined;
  const source = historySource(repo, plan.selection, maxBlobSize, git, allCommits);
  const result = await runScan([source], rules, suppressions, {
    attribute: (findings) => attributeHistory(findings, repo, plan.revisions, headTree, rules.marker.toString('latin1')),
  });
  return { ...result, stats: { ...result.stats, durationMs: Date.now() - started, git } };
}
