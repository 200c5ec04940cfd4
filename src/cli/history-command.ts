import { ScanError } from '../core/errors.js';
import { loadBuiltinRules } from '../rules/load-rules.js';
import { type HistoryScanResult, runHistoryScan } from '../scan/run-history-scan.js';
import { openRepo } from '../sources/git/open-repo.js';
import { runGit } from '../sources/git/run-git.js';
import type { CliIo } from './cli-io.js';
import { emitReport } from './emit-report.js';
import { EXIT_CLEAN, EXIT_FINDINGS } from './exit-codes.js';
import { IGNORE_FILE_NAME, addIgnoreText, loadSuppressions } from './load-suppressions.js';
import type { HistoryCommand } from './parse-history-args.js';

/** `keysweep history [REPO]`: every blob of every ref, once, attributed to the commit that introduced it. */
export async function historyCommand(command: HistoryCommand, io: CliIo): Promise<number> {
  const repo = await openRepo(command.repo, { cwd: io.cwd, env: io.env, trustOwner: command.trustOwner });
  const suppressions = await loadSuppressions([], command.report, io.cwd);
  // The repository's own .keysweepignore, as committed at HEAD (bare repositories have no work tree).
  const committed = await runGit(repo, ['cat-file', 'blob', `HEAD:${IGNORE_FILE_NAME}`], { allowCodes: [128] });
  if (committed.code === 0) addIgnoreText(suppressions, committed.stdout.toString('utf8'), '');
  const result = await runHistoryScan(repo, command.scope, loadBuiltinRules(), suppressions, command.maxFileSize);
  if (command.verify) await (await import('./run-verification.js')).runVerification(result.findings, command.verify, io);
  await emitReport(result, command.report, io);
  failClosed(result);
  return result.findings.length > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}

/** A history scan that did not cover what it should ends in exit 2, after the report: never "no findings". */
function failClosed(result: HistoryScanResult): void {
  const { git } = result.stats;
  if (git.scope === 'empty repository') throw new ScanError(`${git.repo} is an empty repository: no commits, nothing to scan`);
  if (git.missingObjects > 0) {
    throw new ScanError(`${git.repo} is corrupt: ${git.missingObjects} object(s) are missing; the findings above are from the objects that could be read`);
  }
  if (git.blobs + git.commits === 0) throw new ScanError(`nothing was scanned in ${git.repo} (${git.scope})`);
}
