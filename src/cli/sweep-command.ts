import { resolve } from 'node:path';
import { sweepRepositories } from '../app/sweep-inputs.js';
import { sweepRepos } from '../app/sweep-repos.js';
import { sweepReport } from '../app/sweep-report.js';
import { verificationHost } from '../app/verify-keys.js';
import { toolInfo } from './tool-info.js';
import { UsageError } from '../core/errors.js';
import { loadBuiltinRules } from '../rules/load-rules.js';
import type { CliIo } from './cli-io.js';
import { emitReport } from './emit-report.js';
import { EXIT_CLEAN, EXIT_FINDINGS, EXIT_REPOSITORIES_FAILED } from './exit-codes.js';
import type { SweepCommand } from './parse-sweep-args.js';
import { terminalText } from './terminal-text.js';

/** `keysweep sweep`: many repositories into one store and one report; resumable, incremental, shardable. */
export async function sweepCommand(command: SweepCommand, io: CliIo): Promise<number> {
  const { entries, credentials } = await sweepRepositories(command.repoFiles, command.discover, command.maxDepth, io.cwd, command.github);
  if (entries.length === 0) throw new UsageError('no repositories to sweep: the lists are empty and discovery found none');
  const rules = { ...loadBuiltinRules(), decode: command.decode };
  const inputsKey = JSON.stringify({ repos: command.repoFiles.map((f) => resolve(io.cwd, f)), discover: command.discover.map((d) => resolve(io.cwd, d)), github: command.github.map(({ token: _token, ...rest }) => rest), shard: command.shard, full: command.full });
  const say = (line: string) => {
    if (!command.quiet) io.stderr.write(terminalText(`keysweep sweep: ${line}\n`));
  };
  // On a terminal, a live display (Ink); elsewhere one plain line per repository; nothing with --quiet.
  const live = !command.quiet && io.stderr.isTTY === true ? (await import('../tui/sweep-progress.js')).startSweepProgress(io.stderr as NodeJS.WriteStream) : null;
  let swept: Awaited<ReturnType<typeof sweepRepos>>;
  try {
    swept = await sweepRepos(
    { entries, credentials, storePath: resolve(io.cwd, command.store), cacheDir: resolve(io.cwd, command.cacheDir), concurrency: command.concurrency, full: command.full, maxFileSize: command.maxFileSize, reader: command.reader, repoTimeoutMs: command.repoTimeoutMs, shard: command.shard, rules, inputsKey, verify: command.verify, userAgent: `keysweep/${toolInfo().version} (+secret-leak verification)` },
    io,
    (event) => {
      if (live) return live.onEvent(event);
      if (event.kind === 'start') say(`${event.total} repositories${event.resumed ? `; resuming an interrupted sweep, ${event.skipped} already done` : ''}`);
      if (event.kind === 'verify') say(`verifying ${event.keys} distinct key(s) with ${verificationHost(io)} (read-only requests; each key is sent to OpenAI only)`);
      if (event.kind === 'repo') say(`[${event.done}/${event.total}] ${event.identity}: ${event.outcome}${event.outcome === 'failed' ? ` (${event.reason})` : `, ${event.findings} key(s)`}`);
    },
  );
  } finally {
    live?.stop();
  }
  const { sweepId, runs, store } = swept;
  try {
    const result = sweepReport(sweepId, runs, store.findings(sweepId), rules, { newOnly: command.newOnly, strict: command.strict, decisions: store.decisions(), repoClaims: store.repoIgnoreFiles() });
    await emitReport(result, command.report, io);
    if (result.findings.length > 0) return EXIT_FINDINGS;
    return runs.some((r) => r.status === 'failed' || r.problems.length > 0) ? EXIT_REPOSITORIES_FAILED : EXIT_CLEAN;
  } finally {
    store.close();
  }
}
