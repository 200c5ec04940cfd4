import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeDemoTree } from '../../fixtures/demo-tree.js';
import { UsageError } from '../core/errors.js';
import type { CliIo } from './cli-io.js';
import { emitReport } from './emit-report.js';
import { EXIT_CLEAN, EXIT_ERROR } from './exit-codes.js';
import { DEMO_HELP } from './help-text.js';
import { DEFAULT_MAX_FILE_SIZE } from './parse-scan-args.js';
import { REPORT_OPTIONS, reportFlags } from './report-flags.js';
import { scanPaths } from './scan-command.js';

/** `keysweep demo`: builds a tree of fake keys, scans it like a user would, and checks the result. */
export async function demoCommand(args: string[], io: CliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args, strict: true, options: { ...REPORT_OPTIONS, keep: { type: 'string' } } }));
  } catch (error) {
    throw new UsageError((error as Error).message, { cause: error });
  }
  if (values.help) {
    io.stdout.write(DEMO_HELP);
    return EXIT_CLEAN;
  }
  const report = reportFlags(values);
  const keep = values.keep ? resolve(io.cwd, values.keep) : null;
  if (keep && (await exists(keep))) throw new UsageError(`--keep ${values.keep} already exists; name a new directory`);
  const root = keep ?? (await mkdtemp(join(tmpdir(), 'keysweep-demo-')));
  try {
    const demo = await writeDemoTree(root);
    io.stderr.write(`keysweep demo: planted ${demo.planted.length} fake keys of every OpenAI format in ${keep ? values.keep : 'a temporary tree'}; scanning it:\n\n`);
    const result = await scanPaths({ kind: 'scan', paths: ['.'], gitignore: true, maxFileSize: DEFAULT_MAX_FILE_SIZE, threads: 1, report }, { ...io, cwd: root });
    await emitReport(result, report, io);
    const expected = new Set(demo.planted.filter((p) => !p.suppressed).map((p) => p.secret));
    const found = new Set(result.findings.map((f) => f.secret));
    const exact = expected.size === found.size && [...expected].every((s) => found.has(s));
    io.stderr.write(exact ? `\nkeysweep demo: found exactly the ${expected.size} planted keys (1 more suppressed by keysweep:allow).\n` : '\nkeysweep demo: the scan did not find exactly the planted keys.\n');
    return exact ? EXIT_CLEAN : EXIT_ERROR;
  } finally {
    if (!keep) await rm(root, { recursive: true, force: true });
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
