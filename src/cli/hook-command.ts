import { join } from 'node:path';
import type { HookName } from '../hooks/hook-script.js';
import { hookMessage } from '../report/hook-message.js';
import { loadBuiltinRules } from '../rules/load-rules.js';
import { runPushScan } from '../scan/run-push-scan.js';
import { runStagedScan } from '../scan/run-staged-scan.js';
import { workTreeOf } from '../sources/git/hooks-dir.js';
import { type GitRepo, openRepo } from '../sources/git/open-repo.js';
import { type PushUpdate, parsePushUpdates } from '../sources/git/push-updates.js';
import { resolveRevision } from '../sources/git/list-refs.js';
import type { Suppressions } from '../suppress/suppressions.js';
import { UsageError } from '../core/errors.js';
import type { ScanResult } from '../core/types.js';
import type { CliIo } from './cli-io.js';
import { readText } from './read-text.js';
import { redactPaths } from './redact-result.js';
import { EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS } from './exit-codes.js';
import { HOOK_HELP } from './help-text.js';
import { IGNORE_FILE_NAME, addIgnoreText, loadSuppressions, readIfExists } from './load-suppressions.js';
import type { HookCommand } from './parse-hook-args.js';
import { DEFAULT_REPORT_FLAGS } from './report-flags.js';

/** A baseline a team commits at the top of its repository is used by the hooks without any flag. */
export const HOOK_BASELINE_FILE = '.keysweep-baseline.json';

/** `keysweep hook …`: install and uninstall, and the hooks themselves. Loads no HTTP client and no UI. */
export async function hookCommand(command: HookCommand, io: CliIo): Promise<number> {
  switch (command.kind) {
    case 'help':
      io.stdout.write(HOOK_HELP);
      return EXIT_CLEAN;
    case 'install':
    case 'uninstall':
      return (await import('./hook-install-command.js')).manageHooks(command, io);
    case 'pre-push':
    case 'pre-commit':
      if (io.env.KEYSWEEP_SKIP === '1') {
        io.stderr.write(`keysweep: ${command.kind} check skipped (KEYSWEEP_SKIP=1)\n`);
        return EXIT_CLEAN;
      }
      try {
        return await runHook(command, io);
      } catch (error) {
        // A hook that cannot check must not wave the push through silently; teams may choose otherwise.
        if (io.env.KEYSWEEP_FAIL_OPEN !== '1') throw error;
        io.stderr.write(`keysweep: ${command.kind} check failed and KEYSWEEP_FAIL_OPEN=1 lets this through: ${(error as Error).message}\n`);
        return EXIT_CLEAN;
      }
  }
}

async function runHook(command: Extract<HookCommand, { kind: 'pre-push' | 'pre-commit' }>, io: CliIo): Promise<number> {
  const repo = await openRepo('.', { cwd: io.cwd, env: io.env, trustOwner: false });
  const workTree = await workTreeOf(repo);
  const suppressions = await hookSuppressions(command, workTree, io);
  const rules = loadBuiltinRules();
  let result: ScanResult | null;
  let pushedTips: string[] = [];
  if (command.kind === 'pre-push') {
    let updates = parsePushUpdates(await readText(io.stdin));
    let remote = command.remote;
    // The pre-commit framework keeps git's input to itself and passes the push in PRE_COMMIT_* variables.
    if (updates.length === 0 && io.env.PRE_COMMIT_TO_REF) {
      updates = [await updateFromPreCommitEnv(repo, io.env)];
      remote = io.env.PRE_COMMIT_REMOTE_NAME ?? remote;
    }
    pushedTips = updates.map((u) => u.localSha);
    result = await runPushScan(repo, remote, updates, rules, suppressions, command.maxFileSize);
  } else {
    if (!workTree) throw new UsageError('pre-commit needs a work tree; this repository is bare');
    result = await runStagedScan(repo, workTree, rules, suppressions, command.maxFileSize);
  }
  // Network only when the user configured --verify for the hook; the module loads only then.
  if (result && command.verify) await (await import('./run-verification.js')).runVerification(result.findings, command.verify, io);
  return finish(result && redactPaths(result, rules), command.kind, pushedTips, repo, io);
}

function finish(result: ScanResult | null, hook: HookName, pushedTips: string[], repo: GitRepo, io: CliIo): number {
  if (result === null) return EXIT_CLEAN; // a deletion, or nothing new: the push adds no content
  for (const problem of result.problems) io.stderr.write(`keysweep: problem: ${problem.path}: ${problem.reason}\n`);
  if (result.findings.length > 0) {
    io.stderr.write(hookMessage(result.findings, { hook, pushedTips, ignored: result.ignored.length }));
    return EXIT_FINDINGS;
  }
  if (result.problems.length > 0) {
    io.stderr.write(`keysweep: ${hook} check incomplete in ${repo.shown}: ${result.problems.length} object(s) could not be read\n`);
    return EXIT_ERROR;
  }
  const git = result.stats.git;
  const what = git ? `${git.commits} new commit(s), ${git.blobs} blob(s)` : `${result.stats.filesScanned} staged file(s)`;
  io.stderr.write(`keysweep: no OpenAI keys in ${what}${result.ignored.length ? ` (${result.ignored.length} suppressed)` : ''}\n`);
  return EXIT_CLEAN;
}

async function hookSuppressions(command: { baseline: string | null; ignoreFile: string | null }, workTree: string | null, io: CliIo): Promise<Suppressions> {
  const baseline = command.baseline ?? (workTree && (await readIfExists(join(workTree, HOOK_BASELINE_FILE))) !== null ? join(workTree, HOOK_BASELINE_FILE) : null);
  const suppressions = await loadSuppressions([], { ...DEFAULT_REPORT_FLAGS, baseline, ignoreFile: command.ignoreFile }, io.cwd);
  const ignoreText = workTree ? await readIfExists(join(workTree, IGNORE_FILE_NAME)) : null;
  if (ignoreText !== null) addIgnoreText(suppressions, ignoreText, '');
  return suppressions;
}

async function updateFromPreCommitEnv(repo: GitRepo, env: Record<string, string | undefined>): Promise<PushUpdate> {
  const to = await resolveRevision(repo, env.PRE_COMMIT_TO_REF ?? '');
  if (!to) throw new UsageError(`PRE_COMMIT_TO_REF ${env.PRE_COMMIT_TO_REF} is not a commit here`);
  const from = env.PRE_COMMIT_FROM_REF ? await resolveRevision(repo, env.PRE_COMMIT_FROM_REF) : null;
  return { localRef: env.PRE_COMMIT_LOCAL_BRANCH ?? 'HEAD', localSha: to, remoteRef: env.PRE_COMMIT_REMOTE_BRANCH ?? '', remoteSha: from ?? '0'.repeat(40) };
}
