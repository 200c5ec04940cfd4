import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type TriageSource, openTriage } from '../app/triage-open.js';
import { UsageError } from '../core/errors.js';
import { loadBuiltinRules } from '../rules/load-rules.js';
import { cacheDir } from '../verify/verdict-cache.js';
import type { CliIo } from './cli-io.js';
import { EXIT_CLEAN } from './exit-codes.js';
import { importInkForTerminal } from './import-ink-for-terminal.js';
import { parseFlags } from './parse-flags.js';
import { parseSize } from './parse-size.js';
import { terminalText } from './terminal-text.js';
import { toolInfo } from './tool-info.js';
import { VERIFY_OPTIONS, normalizeVerifyFlag, verifyFlags } from './verify-flags.js';

/** `keysweep triage [REPORT.json | --store PATH | PATH]`: the terminal UI. Needs a terminal on both ends. */
export async function triageUiCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(normalizeVerifyFlag(args), {
    store: { type: 'string' },
    'cache-dir': { type: 'string' },
    repo: { type: 'string' },
    tree: { type: 'boolean' },
    'show-secrets': { type: 'boolean' },
    'max-file-size': { type: 'string' },
    ...VERIFY_OPTIONS,
  });
  if (io.stdout.isTTY !== true || (io.stdin as { isTTY?: boolean }).isTTY !== true) {
    throw new UsageError('triage needs a terminal; for files and pipes use --format json|jsonl|sarif with scan, history or report');
  }
  if (positionals.length > 1) throw new UsageError('triage takes one report, one repository or --store');
  if (values.store && positionals.length > 0) throw new UsageError('give a report, a repository or --store, not two of them');
  const source = sourceOf(positionals[0], values, io);
  const rules = loadBuiltinRules();
  const options = {
    showSecrets: values['show-secrets'] === true,
    verify: verifyFlags(values, true)!,
    userAgent: `keysweep/${toolInfo().version} (+secret-leak verification)`,
    rules,
    maxFileSize: values['max-file-size'] ? parseSize(values['max-file-size'], '--max-file-size') : 25 * 1024 * 1024,
    openers: process.platform === 'darwin' ? ['open'] : ['xdg-open'],
  };
  const say = (text: string) => io.stderr.write(terminalText(text));
  if (source.kind === 'repository') say(`keysweep triage: scanning ${source.tree ? 'the files' : 'the history'} of ${source.path}…\n`);
  const session = await openTriage(source, options, io, (event) => {
    if (event.phase === 'packs') say(`\rkeysweep triage: reading the packs, ${event.done}/${event.total} objects${event.done === event.total ? '\n' : ''}`);
    if (event.phase === 'scan' && event.done % 500 === 0) say(`\rkeysweep triage: ${event.done}${event.total ? `/${event.total}` : ''} objects, ${event.findings} key(s) so far`);
  });
  const [{ render }, { createElement }, { TriageApp }] = await importInkForTerminal(() => Promise.all([import('ink'), import('react'), import('../tui/triage-app.js')]));
  const app = render(createElement(TriageApp, { title: session.title, items: session.items, effects: session.effects, showSecrets: options.showSecrets }), {
    stdout: io.stdout as NodeJS.WriteStream,
    stdin: io.stdin as NodeJS.ReadStream,
    exitOnCtrlC: true,
    patchConsole: false,
  });
  await app.waitUntilExit();
  say(`keysweep triage: decisions are saved in ${session.savesTo}\n`);
  return EXIT_CLEAN;
}

function sourceOf(positional: string | undefined, values: Record<string, string | boolean | undefined>, io: CliIo): TriageSource {
  if (typeof values.store === 'string') return { kind: 'store', path: values.store, cacheDir: (values['cache-dir'] as string | undefined) ?? join(cacheDir(io.env), 'sweep') };
  const target = positional ?? '.';
  const stat = (() => {
    try {
      return statSync(resolve(io.cwd, target));
    } catch {
      return null;
    }
  })();
  if (stat === null) throw new UsageError(`${target} does not exist`);
  if (stat.isFile()) return { kind: 'report', path: target, repo: (values.repo as string | undefined) ?? '.' };
  return { kind: 'repository', path: target, tree: values.tree === true };
}
