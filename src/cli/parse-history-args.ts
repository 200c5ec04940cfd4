import { UsageError } from '../core/errors.js';
import { DEFAULT_MAX_FILE_SIZE } from './parse-scan-args.js';
import { parsePositiveInt, parseSize } from './parse-size.js';
import { parseFlags } from './parse-flags.js';
import { REPORT_OPTIONS, type ReportFlags, reportFlags } from './report-flags.js';
import { VERIFY_OPTIONS, type VerifyFlags, normalizeVerifyFlag, verifyFlags } from './verify-flags.js';

import type { HistoryScopeSpec as HistoryScope } from '../scan/plan-history.js';
import type { ObjectReader } from '../scan/run-history-scan.js';
import { parseReader } from './parse-reader.js';

export type HistoryCommand = {
  kind: 'history';
  repo: string;
  scope: HistoryScope;
  maxFileSize: number;
  decode: boolean;
  reader: ObjectReader;
  /** Pack scan threads; null: one per core, at most four. */
  threads: number | null;
  trustOwner: boolean;
  report: ReportFlags;
  verify: VerifyFlags;
};

export function parseHistoryArgs(args: string[]): HistoryCommand | { kind: 'help' } {
  const { values, positionals } = parseFlags(normalizeVerifyFlag(args), {
    ...REPORT_OPTIONS,
    ...VERIFY_OPTIONS,
    branch: { type: 'string' },
    'since-commit': { type: 'string' },
    range: { type: 'string' },
    unreachable: { type: 'boolean' },
    'max-file-size': { type: 'string' },
    'no-decode': { type: 'boolean' },
    reader: { type: 'string' },
    threads: { type: 'string' },
    'trust-owner': { type: 'boolean' },
  });
  if (values.help) return { kind: 'help' };
  if (positionals.length > 1) throw new UsageError('history takes one repository; use a sweep for many');
  return {
    kind: 'history',
    repo: positionals[0] ?? '.',
    scope: scopeOf(values),
    maxFileSize: values['max-file-size'] ? parseSize(values['max-file-size'], '--max-file-size') : DEFAULT_MAX_FILE_SIZE,
    decode: values['no-decode'] !== true,
    reader: parseReader(values.reader),
    threads: values.threads ? parsePositiveInt(values.threads, '--threads') : null,
    trustOwner: values['trust-owner'] === true,
    report: reportFlags(values),
    verify: verifyFlags(values),
  };
}

function scopeOf(values: { branch?: string; 'since-commit'?: string; range?: string; unreachable?: boolean }): HistoryScope {
  const given = [values.branch, values['since-commit'], values.range, values.unreachable].filter((v) => v !== undefined);
  if (given.length > 1) throw new UsageError('--branch, --since-commit, --range and --unreachable exclude each other');
  if (values.branch !== undefined) return { kind: 'branch', ref: values.branch };
  if (values['since-commit'] !== undefined) return { kind: 'since', commit: values['since-commit'] };
  if (values.unreachable) return { kind: 'unreachable' };
  if (values.range !== undefined) {
    const m = /^(.+?)\.\.(?!\.)(.+)$/.exec(values.range);
    if (!m) throw new UsageError(`--range takes A..B (two revisions), not "${values.range}"`);
    return { kind: 'range', from: m[1]!, to: m[2]! };
  }
  return { kind: 'all' };
}
