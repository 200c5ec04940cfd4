import type { GitStats } from '../core/types.js';
import type { GitRepo } from '../sources/git/open-repo.js';

/** Stats for a scan of `repo` before any object has streamed; the source fills in counts as it goes. */
export function newGitStats(repo: GitRepo, fields: Pick<GitStats, 'refs' | 'scope'> & Partial<GitStats>): GitStats {
  return { repo: repo.shown, commits: 0, blobs: 0, bare: repo.bare, shallow: repo.shallow, unreachableScanned: false, submodules: [], missingObjects: 0, lfsPointers: 0, ...fields };
}
