import type { GitRepo } from './open-repo.js';
import { runGit } from './run-git.js';

/** A partial clone names a promisor remote: objects it lacks were filtered out on purpose, not lost. */
export async function isPartialClone(repo: GitRepo): Promise<boolean> {
  const { stdout, code } = await runGit(repo, ['config', '--get-regexp', '^(extensions\\.partialclone|remote\\..*\\.promisor)$'], { allowCodes: [1] });
  return code === 0 && stdout.toString('utf8').trim() !== '';
}
