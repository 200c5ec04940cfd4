import { ScanError } from '../core/errors.js';
import type { RuleSet } from '../rules/rule-types.js';
import { type BlobMemory, type HistoryScanResult, type ReadOptions, runHistoryScan } from '../scan/run-history-scan.js';
import type { HistoryScopeSpec } from '../scan/plan-history.js';
import { openRepo } from '../sources/git/open-repo.js';
import { type SuppressionFiles, addIgnoreText, loadSuppressions } from './load-suppressions.js';
import { readOwnIgnoreFile } from './own-ignore-file.js';
import { NO_PROGRESS, type ProgressListener } from './progress.js';
import type { RunContext } from './run-context.js';
import { scanProgress } from './scan-progress.js';

export type ScanHistoryRequest = {
  /** The repository as the user named it (a work tree, a .git directory or a bare repository). */
  repo: string;
  /** How reports name the repository, when not as `repo` (the demo shows "demo-repo", not a temporary path). */
  shownAs?: string;
  scope: HistoryScopeSpec;
  maxFileSize: number;
  /** How objects are read (run-history-scan.ts): the packs, on one thread per core, when not given. */
  read?: ReadOptions;
  trustOwner: boolean;
  suppression: SuppressionFiles;
  rules: RuleSet;
  /** Sweeps: blobs to skip and the request for the ids of the blobs read. */
  memory?: BlobMemory;
  /** 'collect': the repository's own .keysweepignore (at HEAD) is returned, not applied (sweeps judge it at report time). */
  ownIgnoreFile?: 'apply' | 'collect';
};

/**
 * A history scan and whether it covered its scope: `incomplete` is null for a complete scan, else the
 * reason (missing objects, a walk git could not finish). An incomplete scan is an error for the caller
 * to report after the findings; it is never a clean result.
 */
export type HistoryScan = { result: HistoryScanResult; incomplete: string | null; ownIgnoreText: string | null };

/** Every blob (and commit and tag message) of a repository's history in the scope, once, attributed. */
export async function scanHistory(request: ScanHistoryRequest, context: RunContext, progress: ProgressListener = NO_PROGRESS): Promise<HistoryScan> {
  const opened = await openRepo(request.repo, { cwd: context.cwd, env: context.env, trustOwner: request.trustOwner });
  const repo = request.shownAs ? { ...opened, shown: request.shownAs } : opened;
  const suppressions = await loadSuppressions([], request.suppression, context.cwd);
  // A sweep keeps the repository's own claims aside (the store judges them when it reports); every other
  // scan applies them now.
  const own = await readOwnIgnoreFile(repo, context, request.ownIgnoreFile === 'collect' ? 'head' : 'worktree-or-head');
  if (request.ownIgnoreFile !== 'collect' && own.text !== null) addIgnoreText(suppressions, own.text, '', own.shown);
  const notRead = own.problem;
  progress({ phase: 'plan', done: 0, total: null, bytes: 0, findings: 0 });
  const scanned = await runHistoryScan(repo, request.scope, request.rules, suppressions, request.maxFileSize, scanProgress(progress), request.memory, {
    ...request.read,
    onPacks: (done, total) => progress({ phase: 'packs', done, total, bytes: 0, findings: 0 }),
  });
  const result = notRead ? { ...scanned, problems: [notRead, ...scanned.problems], stats: { ...scanned.stats, problems: scanned.stats.problems + 1 } } : scanned;
  if (result.outcome === 'empty-repository') throw new ScanError(`${result.stats.git.repo} is an empty repository: no commits, nothing to scan`);
  return { result, incomplete: incompleteReason(result), ownIgnoreText: own.text };
}

function incompleteReason(result: HistoryScanResult): string | null {
  const { git } = result.stats;
  if (git.missingObjects > 0) {
    return `${git.repo} is incomplete: ${git.missingObjects} object(s) are missing (listed as problems); the findings above are from the objects that could be read`;
  }
  if (result.problems.length > 0) return `the history scan of ${git.repo} is incomplete: ${result.problems[0]!.path}: ${result.problems[0]!.reason}`;
  return null;
}
