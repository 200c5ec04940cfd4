import { join } from 'node:path';
import { ScanError, UsageError } from '../core/errors.js';
import type { Problem } from '../core/types.js';
import type { RuleSet } from '../rules/rule-types.js';
import { type BlobMemory, type HistoryScanResult, runHistoryScan } from '../scan/run-history-scan.js';
import type { HistoryScopeSpec } from '../scan/plan-history.js';
import { type GitRepo, openRepo } from '../sources/git/open-repo.js';
import { runGit } from '../sources/git/run-git.js';
import { IGNORE_FILE_NAME, MAX_SUPPRESSION_FILE_BYTES, type SuppressionFiles, addIgnoreText, loadSuppressions, readIfExists } from './load-suppressions.js';
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
  const notRead = await addCommittedIgnoreFile(repo, suppressions, context);
  progress({ phase: 'plan', done: 0, total: null, bytes: 0, findings: 0 });
  const scanned = await runHistoryScan(repo, request.scope, request.rules, suppressions, request.maxFileSize, scanProgress(progress), request.memory);
  const result = notRead ? { ...scanned, problems: [notRead, ...scanned.problems], stats: { ...scanned.stats, problems: scanned.stats.problems + 1 } } : scanned;
  if (result.outcome === 'empty-repository') throw new ScanError(`${result.stats.git.repo} is an empty repository: no commits, nothing to scan`);
  return { result, incomplete: incompleteReason(result) };
}

/**
 * Adds the repository's own .keysweepignore: the work tree's, where decisions are written as they are made,
 * else the one committed at HEAD (a bare repository has no work tree). One that cannot be used (over the
 * size limit, a decision line that cannot be read) is a problem of this scan, not a failure: a hostile
 * repository must not be able to stop its own scan, and what its file would have suppressed stays open.
 */
async function addCommittedIgnoreFile(repo: GitRepo, suppressions: Suppressions, context: RunContext): Promise<Problem | null> {
  const worktree = await workTreeIgnoreFile(repo, context);
  if (worktree !== null) return 'problem' in worktree ? worktree.problem : addIgnoreSource(suppressions, worktree.text, IGNORE_FILE_NAME);
  const committed = await runGit(repo, ['cat-file', '-s', `HEAD:${IGNORE_FILE_NAME}`], { allowCodes: [128] });
  if (committed.code !== 0) return null;
  const size = Number(committed.stdout.toString('utf8').trim());
  if (!(size <= MAX_SUPPRESSION_FILE_BYTES)) {
    return { path: `HEAD:${IGNORE_FILE_NAME}`, code: 'SUPPRESSIONS_NOT_READ', reason: `${size} bytes, over the ${MAX_SUPPRESSION_FILE_BYTES}-byte limit for suppression files: not read, so nothing it lists is suppressed` };
  }
  const text = await runGit(repo, ['cat-file', 'blob', `HEAD:${IGNORE_FILE_NAME}`]);
  return addIgnoreSource(suppressions, text.stdout.toString('utf8'), `HEAD:${IGNORE_FILE_NAME}`);
}

function addIgnoreSource(suppressions: Suppressions, text: string, shown: string): Problem | null {
  try {
    addIgnoreText(suppressions, text, '', shown);
    return null;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    // Nothing of a file with an unreadable decision is used (addIgnoreText checks before it adds).
    return { path: shown, code: 'SUPPRESSIONS_NOT_READ', reason: `not read, so nothing it lists is suppressed: ${error.message}` };
  }
}

/** The work tree's .keysweepignore, when the repository has a work tree at or above the named path and the file is there. */
async function workTreeIgnoreFile(repo: GitRepo, context: RunContext): Promise<{ text: string } | { problem: Problem } | null> {
  if (repo.bare) return null;
  const top = await runGit({ cwd: repo.cwd, env: context.env }, ['rev-parse', '--show-toplevel'], { allowCodes: [128] });
  const root = top.code === 0 ? top.stdout.toString('utf8').trim() : '';
  // core.worktree can name any directory: only one that holds the path the user named is taken.
  if (root === '' || !(repo.cwd === root || repo.cwd.startsWith(`${root}/`))) return null;
  try {
    const text = await readIfExists(join(root, IGNORE_FILE_NAME));
    return text === null ? null : { text };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return { problem: { path: IGNORE_FILE_NAME, code: 'SUPPRESSIONS_NOT_READ', reason: `not read, so nothing it lists is suppressed: ${error.message}` } };
  }
}

function incompleteReason(result: HistoryScanResult): string | null {
  const { git } = result.stats;
  if (git.missingObjects > 0) {
    return `${git.repo} is incomplete: ${git.missingObjects} object(s) are missing (listed as problems); the findings above are from the objects that could be read`;
  }
  if (result.problems.length > 0) return `the history scan of ${git.repo} is incomplete: ${result.problems[0]!.path}: ${result.problems[0]!.reason}`;
  return null;
}
