import { scanPaths } from '../app/scan-paths.js';
import { loadBuiltinRules } from '../rules/load-rules.js';
import type { CliIo } from './cli-io.js';
import { emitReport } from './emit-report.js';
import { EXIT_CLEAN, EXIT_FINDINGS } from './exit-codes.js';
import type { ScanCommand } from './parse-scan-args.js';

/** `keysweep scan [PATH...]`: working trees, files and standard input. */
export async function scanCommand(command: ScanCommand, io: CliIo): Promise<number> {
  const request = { paths: command.paths, cwd: io.cwd, stdin: io.stdin, gitignore: command.gitignore, maxFileSize: command.maxFileSize, threads: command.threads, suppression: command.report, rules: { ...loadBuiltinRules(), decode: command.decode } };
  const scanned = await scanPaths(request);
  const result = command.verify ? await (await import('./run-verification.js')).withVerification(scanned, command.verify, io) : scanned;
  await emitReport(result, command.report, io);
  return result.findings.length > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}
