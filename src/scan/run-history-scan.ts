import { availableParallelism } from 'node:os';
import type { GitStats, Problem, ScanResult } from '../core/types.js';
import type { RuleSet } from '../rules/rule-types.js';
import { type HeadTree, readTree } from '../sources/git/head-tree.js';
import { historySource } from '../sources/git/history-source.js';
import { packHistorySource } from '../sources/git/pack-history-source.js';
import { packAnchorsFor } from './pack-anchors-for.js';
import { headCommit, listRefs } from '../sources/git/list-refs.js';
import { missingObjectsSource } from '../sources/git/missing-objects.js';
import type { GitRepo } from '../sources/git/open-repo.js';
import { isPartialClone } from '../sources/git/partial-clone.js';
import { shallowBoundariesHidingHistory } from '../sources/git/shallow-check.js';
import type { Source } from '../sources/source-events.js';
import type { Suppressions } from '../suppress/suppressions.js';
import { attributeHistory } from './attribute-history.js';
import { gitStatsOf } from './git-stats.js';
import { gatherHistoryFacts } from './history-facts.js';
import { type HistoryScopeSpec, planHistory } from './plan-history.js';
import { nameScanFor } from './name-scan-for.js';
import { type ScanProgress, runScan } from './run-scan.js';

/**
 * How a history scan ended: `scanned` (something was read), `empty-repository` (no commits at all: nothing
 * to scan is an error) or `empty-scope` (the scope resolved and holds nothing, such as a range with no new
 * commits: a clean result). A scan with problems is never clean, whatever its outcome.
 */
export type HistoryOutcome = 'scanned' | 'empty-repository' | 'empty-scope';

/** `scannedBlobIds`: every blob read, when the caller asked (a sweep records them). */
export type HistoryScanResult = ScanResult & { stats: ScanResult['stats'] & { git: GitStats }; outcome: HistoryOutcome; scannedBlobIds?: string[] };

/**
 * For sweeps: `skipBlob` names blobs that need no reading (already scanned clean, by this detector, in some
 * repository), and `collectBlobIds` asks for the ids of the blobs read.
 */
export type BlobMemory = { skipBlob: (id: string) => boolean; collectBlobIds: true };

/**
 * How objects are read: `packs` (the default) reads the packs at the delta level and has git print only
 * the objects holding an anchor, for the scopes that cover all refs or every object; `git` has git print
 * every object of the scope, as every other scope does.
 */
export type ObjectReader = 'packs' | 'git';

/** How objects are read: the reader, and the pack scan's worker threads (default: one per core, at most four). */
export type ReadOptions = { reader?: ObjectReader; threads?: number; onPacks?: (passed: number, total: number) => void };

/** Scans a repository's history: every blob (and commit message) of the scope once, then attributes what matched. */
export async function runHistoryScan(repo: GitRepo, scope: HistoryScopeSpec, rules: RuleSet, suppressions: Suppressions, maxBlobSize: number, progress?: ScanProgress, memory?: BlobMemory, read: ReadOptions = {}): Promise<HistoryScanResult> {
  const reader = read.reader ?? 'packs';
  const started = Date.now();
  const refs = await listRefs(repo);
  const head = await headCommit(repo);
  const headTree: HeadTree | null = head ? await readTree(repo, head) : null;
  const fields = { refs: refs.length, unreachableScanned: scope.kind === 'unreachable', submodules: headTree?.submodules ?? [] };
  if (refs.length === 0 && head === null && scope.kind !== 'unreachable') {
    const git = gitStatsOf(repo, null, [], { ...fields, scope: 'no commits' });
    return { outcome: 'empty-repository', findings: [], ignored: [], problems: [], stats: { filesScanned: 0, bytesScanned: 0, skipped: {}, findings: 0, ignoredFindings: 0, problems: 0, durationMs: Date.now() - started, git } };
  }
  const plan = planHistory(scope, await gatherHistoryFacts(repo, scope), repo.shown);
  const selection = memory && plan.selection.kind === 'reachable' ? { ...plan.selection, skipObject: memory.skipBlob } : plan.selection;
  const sourceOptions = { maxBlobSize, fallbackToStore: scope.kind === 'all', collectBlobIds: memory !== undefined, names: nameScanFor(rules) };
  const fromPacks = reader === 'packs' && (scope.kind === 'all' || scope.kind === 'unreachable') ? await packHistorySource(repo, plan.selection.kind === 'reachable' ? plan.selection : { kind: 'all' }, packAnchorsFor(rules), { ...sourceOptions, threads: read.threads ?? packThreads(), ...(read.onPacks ? { onProgress: read.onPacks } : {}), ...(memory ? { skipObject: memory.skipBlob } : {}) }) : null;
  const walk = fromPacks && !('refused' in fromPacks) ? fromPacks : historySource(repo, selection, sourceOptions);
  const readBy: GitStats['reader'] = fromPacks === null ? { kind: 'git' } : 'refused' in fromPacks ? { kind: 'git', fallback: fromPacks.refused } : { kind: 'packs', packs: fromPacks.packs.packs, rebuilt: fromPacks.packs.candidates.length };
  // Asked for only by --unreachable, once the store scan is done.
  const commitIds = () => walk.walked.then((w) => w.commitIds);
  // The store scan lists only objects that exist; what commits and trees name but the store lacks is found here.
  const sources: Source[] = scope.kind === 'unreachable' ? [walk.events, missingObjectsSource(repo, commitIds())] : [walk.events];
  const result = await runScan(sources, rules, suppressions, {
    ...(progress ? { progress } : {}),
    // For --unreachable, attribution walks from every commit the store scan saw.
    attribute: async (findings) => attributeHistory(findings, repo, scope.kind === 'unreachable' ? { ...plan.revisions, stdin: await commitIds() } : plan.revisions, headTree, rules),
  });
  const problems = [...result.problems];
  const missing = problems.filter((p) => p.code === 'MISSING_OBJECT').length;
  if (missing > 0 && (await isPartialClone(repo))) problems.unshift(partialCloneProblem(repo, missing));
  if (repo.shallow && scope.kind !== 'unreachable') {
    for (const id of await shallowBoundariesHidingHistory(repo)) {
      problems.push({ path: `commit ${id}`, code: 'SHALLOW_HIDES_HISTORY', reason: 'listed as a shallow boundary although its parents are in the store: history behind it was not walked (scan with --unreachable)' });
    }
  }
  const walked = await walk.walked;
  const git = gitStatsOf(repo, walked, problems, { ...fields, scope: plan.label, reader: readBy });
  const outcome: HistoryOutcome = git.blobs + git.commits === 0 && problems.length === 0 ? 'empty-scope' : 'scanned';
  return { ...result, problems, outcome, stats: { ...result.stats, problems: problems.length, durationMs: Date.now() - started, git }, ...(memory ? { scannedBlobIds: walked.blobIds } : {}) };
}

/**
 * Worker threads for the pack scan: one per core, at most four; git's object walk runs beside them. A
 * machine with one core scans on the main thread.
 */
function packThreads(): number {
  return Math.min(4, availableParallelism());
}

function partialCloneProblem(repo: GitRepo, missing: number): Problem {
  return {
    path: repo.shown,
    code: 'PARTIAL_CLONE',
    reason: `partial clone: ${missing} object(s) were never downloaded and could not be scanned (keysweep never fetches); to scan fully, clone it again without --filter from a URL you trust (its own config can run commands when git fetches from it)`,
  };
}
