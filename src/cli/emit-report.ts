import { resolve } from 'node:path';
import { errorCode } from '../core/error-code.js';
import { UsageError } from '../core/errors.js';
import type { ScanResult } from '../core/types.js';
import type { CliIo } from './cli-io.js';
import { loadBuiltinRules } from '../rules/load-rules.js';
import { redactPaths } from '../app/redact-paths.js';
import { renderReport } from './render-report.js';
import type { ReportFlags } from './report-flags.js';
import { toolInfo } from './tool-info.js';
import { terminalText } from './terminal-text.js';
import { writePrivateFile } from './write-private-file.js';

/** Colour only for text on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(flags: ReportFlags, io: CliIo): boolean {
  if (flags.format !== 'text' || flags.output || flags.noColor) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  return io.stdout.isTTY === true;
}

/** Renders the report to --output or stdout. With --output, a one-line summary still goes to stderr. */
/** `incomplete`: the run will exit 2 (part of the scope could not be read), so the text never says "no findings". */
export async function emitReport(result: ScanResult, flags: ReportFlags, io: CliIo, status: { incomplete?: boolean } = {}): Promise<void> {
  // A key can hide in a file name too; paths are printed, so they are redacted like everything else.
  const safe = flags.showSecrets ? result : redactPaths(result, loadBuiltinRules());
  const text = renderReport(flags.format, {
    findings: safe.findings,
    ignored: safe.ignored,
    // Peak memory of this process (not of git's): so sweeps and benchmarks can watch it.
    stats: { ...safe.stats, peakRssBytes: process.resourceUsage().maxRSS * 1024 },
    problems: safe.problems,
    ...(safe.repositories ? { repositories: safe.repositories } : {}),
    tool: toolInfo(),
    options: { showSecrets: flags.showSecrets, showIgnored: flags.showIgnored, color: useColor(flags, io), incomplete: status.incomplete === true },
  });
  if (!flags.output) {
    io.stdout.write(text);
    return;
  }
  try {
    await writePrivateFile(resolve(io.cwd, flags.output), text);
  } catch (error) {
    throw new UsageError(`cannot write --output ${flags.output}: ${errorCode(error)}`, { cause: error });
  }
  const { findings, ignoredFindings } = result.stats;
  io.stderr.write(terminalText(`keysweep: ${findings} finding(s), ${ignoredFindings} ignored; report written to ${flags.output}\n`));
}
