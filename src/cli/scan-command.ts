import { resolve } from 'node:path';
import { ScanError } from '../core/errors.js';
import type { ScanResult } from '../core/types.js';
import { loadBuiltinRules } from '../rules/load-rules.js';
import { runScan } from '../scan/run-scan.js';
import type { ScanEvent } from '../scan/scan-events.js';
import { scanWorktree } from '../scan/scan-worktree.js';
import { stdinSource } from '../sources/stdin-source.js';
import type { CliIo } from './cli-io.js';
import { emitReport } from './emit-report.js';
import { EXIT_CLEAN, EXIT_FINDINGS } from './exit-codes.js';
import { loadSuppressions } from './load-suppressions.js';
import type { ScanCommand } from './parse-scan-args.js';

/** `keysweep scan [PATH...]`: working trees, files and standard input. */
export async function scanCommand(command: ScanCommand, io: CliIo): Promise<number> {
  const result = await scanPaths(command, io);
  if (command.verify) await (await import('./run-verification.js')).runVerification(result.findings, command.verify, io);
  await emitReport(result, command.report, io);
  return result.findings.length > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}

export async function scanPaths(command: ScanCommand, io: CliIo): Promise<ScanResult> {
  const rules = loadBuiltinRules();
  const fileRoots = command.paths.filter((p) => p !== '-');
  const suppressions = await loadSuppressions(fileRoots, command.report, io.cwd);
  const sources: Array<AsyncIterable<ScanEvent>> = [];
  if (fileRoots.length > 0) {
    const options = { gitignore: command.gitignore, maxFileSize: command.maxFileSize, threads: command.threads };
    sources.push(scanWorktree(fileRoots.map((shown) => ({ shown, absolute: resolve(io.cwd, shown) })), options));
  }
  if (command.paths.includes('-')) sources.push(stdinSource(io.stdin, command.maxFileSize));
  const result = await runScan(sources, rules, suppressions);
  if (result.stats.filesScanned === 0) {
    const skipped = Object.entries(result.stats.skipped).map(([reason, n]) => `${n} ${reason}`).join(', ');
    throw new ScanError(`nothing was scanned${skipped ? ` (skipped: ${skipped})` : ''}${result.problems.length ? `; ${result.problems.length} problem(s), first: ${result.problems[0]!.path}: ${result.problems[0]!.reason}` : ''}`);
  }
  return result;
}
