import { resolveObjectIds, resolveRevision, stashEntries } from '../sources/git/list-refs.js';
import type { GitRepo } from '../sources/git/open-repo.js';
import { type HistoryFacts, type HistoryScopeSpec, revisionsNamed } from './plan-history.js';

/** Resolves the revisions a scope names and lists the stash entries: the facts planHistory plans from. */
export async function gatherHistoryFacts(repo: GitRepo, scope: HistoryScopeSpec): Promise<HistoryFacts> {
  // A sweep's known tips are object ids, many of them: one git process for all. Revisions a person typed, one each.
  const resolved = scope.kind === 'after' ? await resolveObjectIds(repo, scope.known) : new Map<string, string | null>();
  if (scope.kind !== 'after') for (const revision of revisionsNamed(scope)) resolved.set(revision, await resolveRevision(repo, revision));
  return { resolved, stash: scope.kind === 'all' || scope.kind === 'after' ? await stashEntries(repo) : [] };
}
