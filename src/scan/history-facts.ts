import { resolveRevision, stashEntries } from '../sources/git/list-refs.js';
import type { GitRepo } from '../sources/git/open-repo.js';
import { type HistoryFacts, type HistoryScopeSpec, revisionsNamed } from './plan-history.js';

/** Resolves the revisions a scope names and lists the stash entries: the facts planHistory plans from. */
export async function gatherHistoryFacts(repo: GitRepo, scope: HistoryScopeSpec): Promise<HistoryFacts> {
  const resolved = new Map<string, string | null>();
  for (const revision of revisionsNamed(scope)) resolved.set(revision, await resolveRevision(repo, revision));
  return { resolved, stash: scope.kind === 'all' || scope.kind === 'after' ? await stashEntries(repo) : [] };
}
