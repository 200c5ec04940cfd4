import { ScanError, UsageError } from '../core/errors.js';
import type { Problem } from '../core/types.js';
import type { RuleSet } from '../rules/rule-types.js';
import { type BlobMemory, type HistoryScanResult, runHistoryScan } from '../scan/run-history-scan.js';
import type { HistoryScopeSpec } from '../scan/plan-history.js';
import { type GitRepo, openRepo } from '../sources/git/open-repo.js';
import { runGit } from '../sources/git/run-git.js';
import { IGNORE_FILE_NAME, MAX_SUPPRESSION_FILE_BYTES, type SuppressionFiles, addIgnoreText, loadSuppressions } from './load-suppressions.js';
import { NO_PROGRESS, type ProgressListener } from './progress.js';
import type { RunContext } from './run-context.js';
import { scanProgress } from './scan-progress.js';
import type { Suppressions } from '../suppress/suppressions.js';

export type ScanHistoryRequest = {
  /** The repository as the user named it (a work tree, a .git directory or a bare repository). */
  repo: string;
  /** How reports name the repository, when not as `repo` (the demo shows "demo-repo", not a temporary path). */
  shownAs?: string;
  scope: HistoryScopeSpec;
  maxFileSize: number;
  trustOwner: boolean;
  suppression: SuppressionFiles;
  rules: RuleSet;
  /** Sweeps: blobs to skip and the request for the ids of the blobs read. */
  memory?: BlobMemory;
};

/**
 * A history scan and whether it covered its scope: `incomplete` is null for a complete scan, else the
 * reason (missing objects, a walk git could not finish). An incomplete scan is an error for the caller
 * to report after the findings; it is never a clean result.
 */
export type HistoryScan = { result: HistoryScanResult; incomplete: string | null };

/** Every blob (and commit and tag message) of a repository's history in the scope, once, attributed. */
export async function scanHistory(request: ScanHistoryRequest, context: RunContext, progress: ProgressListener = NO_PROGRESS): Promise<HistoryScan> {
  const opened = await openRepo(request.repo, { cwd: context.cwd, env: context.env, trustOwner: request.trustOwner });
  const repo = request.shownAs ? { ...opened, shown: request.shownAs } : opened;
  const suppressions = await loadSuppressions([], request.suppression, context.cwd);
  const notRead = await addCommittedIgnoreFile(repo, suppressions);
  progress({ phase: 'plan', done: 0, total: null, bytes: 0, findings: 0 });
  const scanned = await runHistoryScan(repo, request.scope, request.rules, suppressions, request.maxFileSize, scanProgress(progress), request.memory);
  const result = notRead ? { ...scanned, problems: [notRead, ...scanned.problems], stats: { ...scanned.stats, problems: scanned.stats.problems + 1 } } : scanned;
  if (result.outcome === 'empty-repository') throw new ScanError(`${result.stats.git.repo} is an empty repository: no commits, nothing to scan`);
  return { result, incomplete: incompleteReason(result) };
}

/**
 * Adds the repository's own .keysweepignore, as committed at HEAD (bare repositories have no work tree).
 * One over the size limit is not read, and that is a problem of this scan, not a failure: a hostile
 * repository must not be able to stop its own scan, and what its file would have suppressed stays open.
 */
async function addCommittedIgnoreFile(repo: GitRepo, suppressions: Suppressions): Promise<Problem | null> {
  const committed = await runGit(repo, ['cat-file', '-s', `HEAD:${IGNORE_FILE_NAME}`], { allowCodes: [128] });
  if (committed.code !== 0) return null;
  const size = Number(committed.stdout.toString('utf8').trim());
  if (!(size <= MAX_SUPPRESSION_FILE_BYTES)) {
    return { path: `HEAD:${IGNORE_FILE_NAME}`, code: 'SUPPRESSIONS_NOT_READ', reason: `${size} bytes, over the ${MAX_SUPPRESSION_FILE_BYTES}-byte limit for suppression files: not read, so nothing it lists is suppressed` };
  }
  const text = await runGit(repo, ['cat-file', 'blob', `HEAD:${IGNORE_FILE_NAME}`]);
  try {
    addIgnoreText(suppressions, text.stdout.toString('utf8'), '', `HEAD:${IGNORE_FILE_NAME}`);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    // Nothing of a file with an unreadable decision is used (addIgnoreText checks before it adds).
    return { path: `HEAD:${IGNORE_FILE_NAME}`, code: 'SUPPRESSIONS_NOT_READ', reason: `not read, so nothing it lists is suppressed: ${error.message}` };
  }
  return null;
}

function incompleteReason(result: HistoryScanResult): string | null {
  const { git } = result.stats;
  if (git.missingObjects > 0) {
    return `${git.repo} is incomplete: ${git.missingObjects} object(s) are missing (listed as problems); the findings above are from the objects that could be read`;
  }
  if (result.problems.length > 0) return `the history scan of ${git.repo} is incomplete: ${result.problems[0]!.path}: ${result.problems[0]!.reason}`;
  return null;
}
