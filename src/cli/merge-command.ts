import { resolve } from 'node:path';
import { MAX_REPORT_BYTES } from '../app/load-report.js';
import { mergeReports } from '../app/merge-reports.js';
import { storedSweep } from '../app/stored-sweep.js';
import { loadBuiltinRules } from '../rules/load-rules.js';
import { renderReport } from './render-report.js';
import { ReportInputError, UsageError } from '../core/errors.js';
import { safeJson } from '../report/safe-json.js';
import { readSmallFile } from '../sources/read-small-file.js';
import type { CliIo } from './cli-io.js';
import { EXIT_CLEAN, EXIT_FINDINGS, EXIT_REPOSITORIES_FAILED } from './exit-codes.js';
import { MERGE_HELP } from './sweep-help-text.js';
import { parseFlags } from './parse-flags.js';
import { toolInfo } from './tool-info.js';
import { writePrivateFile } from './write-private-file.js';

/** `keysweep merge REPORT.json...`: shard reports combined into one JSON report, deduplicated. */
export async function mergeCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(args, { output: { type: 'string', short: 'o' }, store: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    io.stdout.write(MERGE_HELP);
    return EXIT_CLEAN;
  }
  const stores = values.store ?? [];
  if (positionals.length + stores.length === 0) throw new UsageError('merge takes JSON reports (keysweep sweep --format json) and/or --store PATH');
  const texts = [];
  // A shard's store stands for its latest sweep, rendered as the JSON report that sweep would have written.
  const rules = loadBuiltinRules();
  for (const store of stores) {
    const { result } = storedSweep(resolve(io.cwd, store), null, rules, { newOnly: false, strict: false });
    texts.push({ name: store, text: renderReport('json', { findings: result.findings, ignored: result.ignored, stats: result.stats, problems: result.problems, ...(result.repositories ? { repositories: result.repositories } : {}), tool: toolInfo(), options: { showSecrets: false, showIgnored: true, color: false } }) });
  }
  for (const name of positionals) {
    try {
      texts.push({ name, text: await readSmallFile(resolve(io.cwd, name), MAX_REPORT_BYTES, 'report') });
    } catch (error) {
      throw new ReportInputError((error as Error).message, { cause: error });
    }
  }
  const merged = { ...mergeReports(texts, rules.redactionPrefixes), tool: toolInfo() };
  const text = `${safeJson(merged, 2)}\n`;
  if (values.output) await writePrivateFile(resolve(io.cwd, values.output), text);
  else io.stdout.write(text);
  if (merged.findings.length > 0) return EXIT_FINDINGS;
  return (merged.repositories ?? []).some((r) => (r as { status?: string; problems?: unknown[] }).status === 'failed' || ((r as { problems?: unknown[] }).problems?.length ?? 0) > 0) ? EXIT_REPOSITORIES_FAILED : EXIT_CLEAN;
}
