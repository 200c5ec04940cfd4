import { UsageError } from '../core/errors.js';
import { DEFAULT_MAX_FILE_SIZE } from './parse-scan-args.js';
import { parseFlags } from './parse-flags.js';
import { parseSize } from './parse-size.js';
import { VERIFY_OPTIONS, type VerifyFlags, normalizeVerifyFlag, verifyFlags } from './verify-flags.js';

export type HookCommand =
  | { kind: 'install'; repo: string; preCommit: boolean; force: boolean; hookArgs: string[] }
  | { kind: 'uninstall'; repo: string }
  | ({ kind: 'pre-push'; remote: string; url: string } & HookScanOptions)
  | ({ kind: 'pre-commit' } & HookScanOptions)
  | { kind: 'help' };

type HookScanOptions = { baseline: string | null; ignoreFile: string | null; maxFileSize: number; decode: boolean; verify: VerifyFlags };

export function parseHookArgs(args: string[]): HookCommand {
  const [action, ...rest] = args;
  const { values, positionals } = parseFlags(normalizeVerifyFlag(rest), {
    ...VERIFY_OPTIONS,
    'pre-commit': { type: 'boolean' },
    force: { type: 'boolean' },
    baseline: { type: 'string' },
    'ignore-file': { type: 'string' },
    'max-file-size': { type: 'string' },
    'no-decode': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help || action === undefined || action === '-h' || action === '--help') return { kind: 'help' };
  const scanOptions = {
    baseline: values.baseline ?? null,
    ignoreFile: values['ignore-file'] ?? null,
    maxFileSize: values['max-file-size'] ? parseSize(values['max-file-size'], '--max-file-size') : DEFAULT_MAX_FILE_SIZE,
    decode: values['no-decode'] !== true,
    verify: verifyFlags(values),
  };
  switch (action) {
    case 'install':
      // --verify given to install is written into the hooks, which then verify on every run.
      return { kind: 'install', repo: positionals[0] ?? '.', preCommit: values['pre-commit'] === true, force: values.force === true, hookArgs: values.verify ? [`--verify=${values.verify}`] : [] };
    case 'uninstall':
      return { kind: 'uninstall', repo: positionals[0] ?? '.' };
    case 'pre-push':
      // git runs the hook with the remote's name and URL (both the URL when pushing to a bare URL).
      return { kind: 'pre-push', remote: positionals[0] ?? 'origin', url: positionals[1] ?? positionals[0] ?? '', ...scanOptions };
    case 'pre-commit':
      return { kind: 'pre-commit', ...scanOptions };
    default:
      throw new UsageError(`unknown hook action "${action}": install, uninstall, pre-push or pre-commit`);
  }
}
