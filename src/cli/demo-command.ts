import { reveal } from '../core/secret.js';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeDemoRepo } from '../../fixtures/demo-repo.js';
import { ScanError, UsageError } from '../core/errors.js';
import { loadBuiltinRules } from '../rules/load-rules.js';
import { scanHistory } from '../app/scan-history.js';
import type { CliIo } from './cli-io.js';
import { emitReport } from './emit-report.js';
import { EXIT_CLEAN, EXIT_ERROR } from './exit-codes.js';
import { DEMO_HELP } from './help-text.js';
import { DEFAULT_MAX_FILE_SIZE } from './parse-scan-args.js';
import { parseFlags } from './parse-flags.js';
import { REPORT_OPTIONS, reportFlags } from './report-flags.js';

/** `keysweep demo`: builds a repository with fake keys hidden in its history, scans it like a user would, and checks the result. */
export async function demoCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(args, { ...REPORT_OPTIONS, keep: { type: 'string' } });
  if (positionals.length > 0) throw new UsageError('demo takes no arguments');
  if (values.help) {
    io.stdout.write(DEMO_HELP);
    return EXIT_CLEAN;
  }
  const report = reportFlags(values);
  const keep = values.keep ? resolve(io.cwd, values.keep) : null;
  if (keep && (await exists(keep))) throw new UsageError(`--keep ${values.keep} already exists; name a new directory`);
  const root = keep ?? (await mkdtemp(join(tmpdir(), 'keysweep-demo-')));
  try {
    const planted = await writeDemoRepo(root);
    const shown = keep ? values.keep! : 'demo-repo';
    io.stderr.write(`keysweep demo: built a git repository (${shown}) with ${planted.length} fake keys of every OpenAI format, some only in its history; running keysweep history on it:\n\n`);
    const { result, incomplete } = await scanHistory({ repo: root, shownAs: shown, scope: { kind: 'all' }, maxFileSize: DEFAULT_MAX_FILE_SIZE, trustOwner: false, suppression: report, rules: loadBuiltinRules() }, io);
    await emitReport(result, report, io, { incomplete: incomplete !== null });
    if (incomplete) throw new ScanError(incomplete);
    const expected = planted.filter((p) => !p.suppressed);
    // The demo checks its own planted fake keys: revealing them here prints nothing.
    const found = new Set(result.findings.map((f) => reveal(f.secret)));
    const missed = expected.filter((p) => !found.has(p.secret));
    const extra = result.findings.length - (expected.length - missed.length);
    if (missed.length > 0 || extra !== 0) {
      io.stderr.write(`\nkeysweep demo: expected ${expected.length} keys, missed ${missed.length} (${missed.map((m) => `${m.place} ${m.path}`).join(', ')}), ${extra} unexpected.\n`);
      return EXIT_ERROR;
    }
    const places = (place: string) => expected.filter((p) => p.place === place).length;
    io.stderr.write(
      `\nkeysweep demo: found all ${expected.length} planted keys: ${places('head')} still in HEAD, 1 in a deleted file, 1 on an unmerged branch, ` +
        `1 behind a tag no branch reaches, 1 in a stash (and ${planted.length - expected.length} suppressed by keysweep:allow, counted above).\n`,
    );
    return EXIT_CLEAN;
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
