import { scanPush, scanStaged } from '../app/scan-hooks.js';
import type { ScanResult } from '../core/types.js';
import type { HookName } from '../hooks/hook-script.js';
import { hookMessage } from '../report/hook-message.js';
import { printable } from '../report/printable.js';
import { loadBuiltinRules } from '../rules/load-rules.js';
import type { CliIo } from './cli-io.js';
import { EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS } from './exit-codes.js';
import { HOOK_HELP } from './help-text.js';
import type { HookCommand } from './parse-hook-args.js';
import { MAX_PUSH_INPUT_BYTES, readText } from './read-text.js';
import { redactPaths } from '../app/redact-paths.js';
import { terminalText } from './terminal-text.js';

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
        io.stderr.write(terminalText(`keysweep: ${command.kind} check failed and KEYSWEEP_FAIL_OPEN=1 lets this through: ${(error as Error).message}\n`));
        return EXIT_CLEAN;
      }
  }
}

async function runHook(command: Extract<HookCommand, { kind: 'pre-push' | 'pre-commit' }>, io: CliIo): Promise<number> {
  const rules = { ...loadBuiltinRules(), decode: command.decode };
  const request = { maxFileSize: command.maxFileSize, suppression: { baseline: command.baseline, ignoreFile: command.ignoreFile }, rules };
  let scanned: { result: ScanResult; repo: string; pushedTips: string[]; note: string | null };
  if (command.kind === 'pre-push') {
    const input = await readText(io.stdin, MAX_PUSH_INPUT_BYTES);
    const push = await scanPush({ ...request, remote: command.remote, url: command.url, input }, io);
    if (push.kind === 'nothing') return EXIT_CLEAN; // a deletion, or nothing new: the push adds no content
    scanned = push;
  } else {
    scanned = { ...(await scanStaged(request, io)), pushedTips: [], note: null };
  }
  // Network only when the user configured --verify for the hook; the module loads only then.
  const result = command.verify ? await (await import('./run-verification.js')).withVerification(scanned.result, command.verify, io) : scanned.result;
  if (scanned.note) io.stderr.write(`keysweep: ${scanned.note}\n`);
  return finish(redactPaths(result, rules), command.kind, scanned.pushedTips, scanned.repo, io);
}

function finish(result: ScanResult, hook: HookName, pushedTips: string[], repo: string, io: CliIo): number {
  for (const problem of result.problems) io.stderr.write(`keysweep: problem: ${printable(problem.path)}: ${printable(problem.reason)}\n`);
  if (result.findings.length > 0) {
    const placeholders = result.ignored.filter((f) => f.suppressed === 'placeholder').length;
    io.stderr.write(hookMessage(result.findings, { hook, pushedTips, ignored: result.ignored.length - placeholders, placeholders }));
    return EXIT_FINDINGS;
  }
  if (result.problems.length > 0) {
    const what = `keysweep: ${hook} check incomplete in ${printable(repo)}: ${result.problems.length} object(s) could not be read or were too large to scan`;
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
