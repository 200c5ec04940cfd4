import type { GitStats, Problem } from '../core/types.js';
import type { GitRepo } from '../sources/git/open-repo.js';
import type { HistoryWalk } from '../sources/git/history-source.js';

/** What a history or push scan covered, from the finished walk and the problems it reported. */
export function gitStatsOf(repo: GitRepo, walk: HistoryWalk | null, problems: Problem[], fields: Pick<GitStats, 'refs' | 'scope'> & Partial<GitStats>): GitStats {
  return {
    repo: repo.shown,
    commits: walk?.commits ?? 0,
    blobs: walk?.blobs ?? 0,
    bare: repo.bare,
    shallow: repo.shallow,
    unreachableScanned: false,
    submodules: [],
    missingObjects: problems.filter((p) => p.code === 'MISSING_OBJECT').length,
    lfsPointers: walk?.lfsPointers ?? 0,
    ...fields,
  };
}
