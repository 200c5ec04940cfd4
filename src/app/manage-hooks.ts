import { type HookName } from '../hooks/hook-script.js';
import { type InstallOutcome, type UninstallOutcome, installHook, uninstallHook } from '../hooks/install-hooks.js';
import { hooksDir } from '../sources/git/hooks-dir.js';
import { openRepo } from '../sources/git/open-repo.js';
import type { RunContext } from './run-context.js';

export type InstallRequest = { repo: string; preCommit: boolean; force: boolean; hookArgs: string[]; paths: { node: string; bin: string } };

/** Writes keysweep's hooks into the hooks directory git uses for `repo` (core.hooksPath when set). */
export async function installHooks(request: InstallRequest, context: RunContext): Promise<InstallOutcome[]> {
  const dir = await hooksDir(await openRepo(request.repo, { cwd: context.cwd, env: context.env, trustOwner: false }));
  const hooks: HookName[] = request.preCommit ? ['pre-push', 'pre-commit'] : ['pre-push'];
  const outcomes: InstallOutcome[] = [];
  for (const hook of hooks) outcomes.push(await installHook(dir, hook, request.paths, request.force, request.hookArgs));
  return outcomes;
}

/** Removes keysweep's hooks and puts back the hooks it had chained. */
export async function uninstallHooks(repo: string, context: RunContext): Promise<UninstallOutcome[]> {
  const dir = await hooksDir(await openRepo(repo, { cwd: context.cwd, env: context.env, trustOwner: false }));
  const outcomes: UninstallOutcome[] = [];
  for (const hook of ['pre-push', 'pre-commit'] as HookName[]) outcomes.push(await uninstallHook(dir, hook));
  return outcomes;
}
