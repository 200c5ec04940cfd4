import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { ScanError } from '../core/errors.js';
import type { ScanResult } from '../core/types.js';
import type { RuleSet } from '../rules/rule-types.js';
import { runScan } from '../scan/run-scan.js';
import type { ScanEvent } from '../scan/scan-events.js';
import { scanWorktree } from '../scan/scan-worktree.js';
import { nameScanFor } from '../scan/name-scan-for.js';
import { stdinSource } from '../sources/stdin-source.js';
import { type SuppressionFiles, loadSuppressions } from './load-suppressions.js';
import { NO_PROGRESS, type ProgressListener } from './progress.js';
import { scanProgress } from './scan-progress.js';

/** `paths` as the user gave them (`-` is `stdin`); the rest are the scan's settings. */
export type ScanPathsRequest = {
  paths: string[];
  cwd: string;
  stdin: Readable | null;
  gitignore: boolean;
  maxFileSize: number;
  threads: number;
  suppression: SuppressionFiles;
  rules: RuleSet;
};

/** Files, directories (working trees) and standard input. A scan that read nothing is an error, never a clean result. */
export async function scanPaths(request: ScanPathsRequest, progress: ProgressListener = NO_PROGRESS): Promise<ScanResult> {
  const fileRoots = request.paths.filter((p) => p !== '-');
  const suppressions = await loadSuppressions(fileRoots, request.suppression, request.cwd);
  const sources: Array<AsyncIterable<ScanEvent>> = [];
  if (fileRoots.length > 0) {
    const names = nameScanFor(request.rules);
    const options = { gitignore: request.gitignore, names, maxFileSize: request.maxFileSize, threads: request.threads, rules: request.rules.spec, decode: request.rules.decode };
    sources.push(scanWorktree(fileRoots.map((shown) => ({ shown, absolute: resolve(request.cwd, shown) })), options));
  }
  if (request.paths.includes('-') && request.stdin) sources.push(stdinSource(request.stdin, request.maxFileSize));
  const result = await runScan(sources, request.rules, suppressions, { progress: scanProgress(progress) });
  // A key that is a name is found without reading a file: what was found is reported, never dropped.
  if (result.stats.filesScanned === 0 && result.findings.length === 0 && result.ignored.length === 0) {
    const skipped = Object.entries(result.stats.skipped).map(([reason, n]) => `${n} ${reason}`).join(', ');
    throw new ScanError(`nothing was scanned${skipped ? ` (skipped: ${skipped})` : ''}${result.problems.length ? `; ${result.problems.length} problem(s), first: ${result.problems[0]!.path}: ${result.problems[0]!.reason}` : ''}`);
  }
  return result;
}

