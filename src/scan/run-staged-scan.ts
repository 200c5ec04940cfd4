import type { ScanResult } from '../core/types.js';
import type { RuleSet } from '../rules/rule-types.js';
import type { GitRepo } from '../sources/git/open-repo.js';
import { stagedEntries } from '../sources/git/staged-entries.js';
import { stagedSource } from '../sources/git/staged-source.js';
import type { Suppressions } from '../suppress/suppressions.js';
import { nameScanFor } from './name-scan-for.js';
import { runScan } from './run-scan.js';
import { skipsAsProblems } from './skips-as-problems.js';

/**
 * What `git commit` is about to record: the staged blobs that differ from HEAD, read from the index git
 * handed the hook (`indexFile`, from GIT_INDEX_FILE: `git commit -a` and `git commit PATH` use a temporary one).
 */
export async function runStagedScan(repo: GitRepo, indexFile: string | null, rules: RuleSet, suppressions: Suppressions, maxBlobSize: number): Promise<ScanResult> {
  const entries = await stagedEntries(indexFile ? { ...repo, indexFile } : repo);
  return runScan([skipsAsProblems(stagedSource(repo, entries, maxBlobSize, nameScanFor(rules)), maxBlobSize)], rules, suppressions);
}
