import { ScanError } from '../core/errors.js';
import { loadBuiltinRules } from '../rules/load-rules.js';
import { type HistoryScanResult, runHistoryScan } from '../scan/run-history-scan.js';
import { openRepo } from '../sources/git/open-repo.js';
import { runGit } from '../sources/git/run-git.js';
import type { CliIo } from './cli-io.js';
import { emitReport } from './emit-report.js';
import { EXIT_CLEAN, EXIT_FINDINGS } from './exit-codes.js';
import { IGNORE_FILE_NAME, MAX_SUPPRESSION_FILE_BYTES, addIgnoreText, loadSuppressions } from './load-suppressions.js';
import type { HistoryCommand } from './parse-history-args.js';

/** `keysweep history [REPO]`: every blob of every ref, once, attributed to the commit that introduced it. */
export async function historyCommand(command: HistoryCommand, io: CliIo): Promise<number> {
  const repo = await openRepo(command.repo, { cwd: io.cwd, env: io.env, trustOwner: command.trustOwner });
  const suppressions = await loadSuppressions([], command.report, io.cwd);
  // The repository's own .keysweepignore, as committed at HEAD (bare repositories have no work tree).
  const committed = await runGit(repo, ['cat-file', '-s', `HEAD:${IGNORE_FILE_NAME}`], { allowCodes: [128] });
  if (committed.code === 0) {
    const size = Number(committed.stdout.toString('utf8').trim());
    if (!(size <= MAX_SUPPRESSION_FILE_BYTES)) throw new ScanError(`${IGNORE_FILE_NAME} at HEAD of ${command.repo} is ${size} bytes, over the ${MAX_SUPPRESSION_FILE_BYTES}-byte limit for suppression files; not reading it`);
    const text = await runGit(repo, ['cat-file', 'blob', `HEAD:${IGNORE_FILE_NAME}`]);
    addIgnoreText(suppressions, text.stdout.toString('utf8'), '');
  }
  const result = await runHistoryScan(repo, command.scope, loadBuiltinRules(), suppressions, command.maxFileSize);
  if (result.outcome === 'empty-repository') throw new ScanError(`${result.stats.git.repo} is an empty repository: no commits, nothing to scan`);
  if (command.verify) await (await import('./run-verification.js')).runVerification(result.findings, command.verify, io);
  const failure = incompleteReason(result);
  await emitReport(result, command.report, io, { incomplete: failure !== null });
  if (failure) throw new ScanError(failure);
  if (result.outcome === 'empty-scope') io.stderr.write(`keysweep: nothing to scan in ${result.stats.git.scope}: no commits in it that the rest of the history does not already hold\n`);
  return result.findings.length > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}

/** A history scan that did not cover what it should ends in exit 2, after the report: never "no findings". */
function incompleteReason(result: HistoryScanResult): string | null {
  const { git } = result.stats;
  if (git.missingObjects > 0) {
    return `${git.repo} is incomplete: ${git.missingObjects} object(s) are missing (listed as problems); the findings above are from the objects that could be read`;
  }
  if (result.problems.length > 0) return `the history scan of ${git.repo} is incomplete: ${result.problems[0]!.path}: ${result.problems[0]!.reason}`;
  return null;
}
