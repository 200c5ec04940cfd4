import { scanHistory } from '../app/scan-history.js';
import { ScanError } from '../core/errors.js';
import { loadBuiltinRules } from '../rules/load-rules.js';
import type { CliIo } from './cli-io.js';
import { emitReport } from './emit-report.js';
import { EXIT_CLEAN, EXIT_FINDINGS } from './exit-codes.js';
import type { HistoryCommand } from './parse-history-args.js';
import { terminalText } from './terminal-text.js';

/** `keysweep history [REPO]`: every blob of every ref, once, attributed to the commit that introduced it. */
export async function historyCommand(command: HistoryCommand, io: CliIo): Promise<number> {
  const request = { repo: command.repo, scope: command.scope, maxFileSize: command.maxFileSize, trustOwner: command.trustOwner, read: { reader: command.reader, ...(command.threads ? { threads: command.threads } : {}) }, suppression: command.report, rules: { ...loadBuiltinRules(), decode: command.decode } };
  const scan = await scanHistory(request, io);
  const result = command.verify ? await (await import('./run-verification.js')).withVerification(scan.result, command.verify, io) : scan.result;
  // The report comes first, then the failure: what could be read is never thrown away.
  await emitReport(result, command.report, io, { incomplete: scan.incomplete !== null });
  if (scan.incomplete) throw new ScanError(scan.incomplete);
  if (result.outcome === 'empty-scope') io.stderr.write(terminalText(`keysweep: nothing to scan in ${result.stats.git.scope}: no commits in it that the rest of the history does not already hold\n`));
  return result.findings.length > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}
