import { join, resolve } from 'node:path';
import type { HookName } from '../hooks/hook-script.js';
import { hookMessage } from '../report/hook-message.js';
import { loadBuiltinRules } from '../rules/load-rules.js';
import { planPush } from '../scan/plan-push.js';
import { runPushScan } from '../scan/run-push-scan.js';
import { gatherPushFacts } from '../sources/git/push-facts.js';
import { printable } from '../report/printable.js';
import { runStagedScan } from '../scan/run-staged-scan.js';
import { workTreeOf } from '../sources/git/hooks-dir.js';
import { type GitRepo, openRepo } from '../sources/git/open-repo.js';
import { type PushUpdate, ZERO_SHA, parsePushUpdates } from '../sources/git/push-updates.js';
import { listRefs, resolveRevision } from '../sources/git/list-refs.js';
import type { Suppressions } from '../suppress/suppressions.js';
import { UsageError } from '../core/errors.js';
import type { ScanResult } from '../core/types.js';
import type { CliIo } from './cli-io.js';
import { MAX_PUSH_INPUT_BYTES, readText } from './read-text.js';
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

/**
 * Hooks read every pushed or staged blob up to this size whatever --max-file-size says (a push is small
 * next to a history); anything larger is named and blocks: nothing leaves the machine unread.
 */
export const HOOK_BLOB_LIMIT = 256 * 1024 * 1024;

async function runHook(command: Extract<HookCommand, { kind: 'pre-push' | 'pre-commit' }>, io: CliIo): Promise<number> {
  const repo = await openRepo('.', { cwd: io.cwd, env: io.env, trustOwner: false });
  const workTree = await workTreeOf(repo);
  const suppressions = await hookSuppressions(command, workTree, io);
  const rules = loadBuiltinRules();
  const maxBlobSize = Math.max(command.maxFileSize, HOOK_BLOB_LIMIT);
  let result: ScanResult | null;
  let pushedTips: string[] = [];
  let note: string | null = null;
  if (command.kind === 'pre-push') {
    const push = await pushRequest(command, repo, io);
    if (!push) return EXIT_CLEAN;
    note = push.note;
    pushedTips = push.updates.map((u) => u.localSha);
    const facts = await gatherPushFacts(repo, push);
    const plan = planPush(facts);
    result = plan ? await runPushScan(repo, plan, push.updates.length, rules, suppressions, maxBlobSize) : null;
  } else {
    if (!workTree) throw new UsageError('pre-commit needs a work tree; this repository is bare');
    // git names the index being committed (a temporary one for `commit -a` and `commit PATH`); relative to the hook's directory.
    const indexFile = io.env.GIT_INDEX_FILE ? resolve(io.cwd, io.env.GIT_INDEX_FILE) : null;
    result = await runStagedScan(repo, indexFile, rules, suppressions, maxBlobSize);
  }
  // Network only when the user configured --verify for the hook; the module loads only then.
  if (result && command.verify) await (await import('./run-verification.js')).runVerification(result.findings, command.verify, io);
  if (note) io.stderr.write(`keysweep: ${note}\n`);
  return finish(result && redactPaths(result, rules), command.kind, pushedTips, repo, io);
}

type PushRequest = { remote: string; url: string; updates: PushUpdate[]; extraTips: string[]; remoteShasFromServer: boolean; note: string | null };

/** What is being pushed: git's lines on standard input, or what the pre-commit framework tells (it keeps stdin to itself). */
async function pushRequest(command: Extract<HookCommand, { kind: 'pre-push' }>, repo: GitRepo, io: CliIo): Promise<PushRequest | null> {
  const updates = parsePushUpdates(await readText(io.stdin, MAX_PUSH_INPUT_BYTES));
  if (updates.length > 0 || !isPreCommitFramework(io.env)) {
    return updates.length > 0 ? { remote: command.remote, url: command.url, updates, extraTips: [], remoteShasFromServer: true, note: null } : null;
  }
  const env = io.env;
  const remote = env.PRE_COMMIT_REMOTE_NAME || command.remote;
  const url = env.PRE_COMMIT_REMOTE_URL ?? command.url;
  const localRef = env.PRE_COMMIT_LOCAL_BRANCH || 'HEAD';
  let update: PushUpdate;
  if (env.PRE_COMMIT_TO_REF) {
    const to = await resolveRevision(repo, env.PRE_COMMIT_TO_REF);
    if (!to) throw new UsageError(`PRE_COMMIT_TO_REF ${env.PRE_COMMIT_TO_REF} is not a commit here`);
    const from = env.PRE_COMMIT_FROM_REF ? await resolveRevision(repo, env.PRE_COMMIT_FROM_REF) : null;
    update = { localRef, localSha: to, remoteRef: env.PRE_COMMIT_REMOTE_BRANCH ?? '', remoteSha: from ?? ZERO_SHA };
  } else {
    // The framework's first push of a branch that includes the root commit: no range at all, only names.
    const local = await resolveRevision(repo, localRef);
    if (!local) {
      throw new UsageError('the pre-commit framework named no commits for this push (no PRE_COMMIT_TO_REF, no usable PRE_COMMIT_LOCAL_BRANCH): cannot tell what is pushed, so the push is blocked');
    }
    update = { localRef, localSha: local, remoteRef: env.PRE_COMMIT_REMOTE_BRANCH ?? '', remoteSha: ZERO_SHA };
  }
  // The framework passes only the first pushed ref: every local branch and tag the remote lacks is checked too.
  const extraTips = (await listRefs(repo)).filter((r) => r.name.startsWith('refs/heads/') || r.name.startsWith('refs/tags/')).map((r) => r.objectId);
  return {
    remote,
    url,
    updates: [update],
    extraTips,
    remoteShasFromServer: false,
    note: 'pre-commit framework: it passes only the first pushed ref, so every local branch and tag the remote lacks was checked',
  };
}

/** pre-commit sets PRE_COMMIT=1 for its hooks, and the PRE_COMMIT_* push variables in its pre-push stage. */
function isPreCommitFramework(env: Record<string, string | undefined>): boolean {
  return env.PRE_COMMIT === '1' || Boolean(env.PRE_COMMIT_REMOTE_NAME || env.PRE_COMMIT_TO_REF || env.PRE_COMMIT_LOCAL_BRANCH);
}

function finish(result: ScanResult | null, hook: HookName, pushedTips: string[], repo: GitRepo, io: CliIo): number {
  if (result === null) return EXIT_CLEAN; // a deletion, or nothing new: the push adds no content
  for (const problem of result.problems) io.stderr.write(`keysweep: problem: ${printable(problem.path)}: ${printable(problem.reason)}\n`);
  if (result.findings.length > 0) {
    io.stderr.write(hookMessage(result.findings, { hook, pushedTips, ignored: result.ignored.length }));
    return EXIT_FINDINGS;
  }
  if (result.problems.length > 0) {
    const what = `keysweep: ${hook} check incomplete in ${printable(repo.shown)}: ${result.problems.length} object(s) could not be read or were too large to scan`;
    if (io.env.KEYSWEEP_FAIL_OPEN === '1') {
      io.stderr.write(`${what}; KEYSWEEP_FAIL_OPEN=1 lets this through\n`);
      return EXIT_CLEAN;
    }
    io.stderr.write(`${what}; blocked (KEYSWEEP_FAIL_OPEN=1 lets an incomplete check through)\n`);
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
