import type { ScanResult } from '../core/types.js';
import type { RuleSet } from '../rules/rule-types.js';
import type { GitRepo } from '../sources/git/open-repo.js';
import { stagedEntries } from '../sources/git/staged-entries.js';
import { stagedSource } from '../sources/git/staged-source.js';
import type { Suppressions } from '../suppress/suppressions.js';
import { runScan } from './run-scan.js';

/** What `git commit` is about to record: the staged blobs that differ from HEAD. */
export async function runStagedScan(repo: GitRepo, workTree: string, rules: RuleSet, suppressions: Suppressions, maxBlobSize: number): Promise<ScanResult> {
  const entries = await stagedEntries(repo, workTree);
  return runScan([stagedSource(repo, entries, maxBlobSize)], rules, suppressions);
}
