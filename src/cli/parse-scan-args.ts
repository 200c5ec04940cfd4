import { availableParallelism } from 'node:os';
import { UsageError } from '../core/errors.js';
import { parsePositiveInt, parseSize } from './parse-size.js';
import { parseFlags } from './parse-flags.js';
import { REPORT_OPTIONS, type ReportFlags, reportFlags } from './report-flags.js';
import { VERIFY_OPTIONS, type VerifyFlags, normalizeVerifyFlag, verifyFlags } from './verify-flags.js';

export type ScanCommand = {
  kind: 'scan';
  /** Paths as the user gave them; `-` is standard input. */
  paths: string[];
  gitignore: boolean;
  maxFileSize: number;
  /** Look inside encodings (base64, hex, UTF-16); --no-decode turns it off. */
  decode: boolean;
  threads: number;
  report: ReportFlags;
  verify: VerifyFlags;
};

export const DEFAULT_MAX_FILE_SIZE = 25 * 1024 * 1024;

export function parseScanArgs(args: string[]): ScanCommand | { kind: 'help' } {
  const { values, positionals } = parseFlags(normalizeVerifyFlag(args), {
    ...REPORT_OPTIONS,
    ...VERIFY_OPTIONS,
    'no-ignore': { type: 'boolean' },
    'max-file-size': { type: 'string' },
    'no-decode': { type: 'boolean' },
    threads: { type: 'string' },
  });
  if (values.help) return { kind: 'help' };
  const paths = positionals.length > 0 ? positionals : ['.'];
  if (paths.filter((p) => p === '-').length > 1) throw new UsageError('standard input (-) can be given only once');
  return {
    kind: 'scan',
    paths,
    gitignore: values['no-ignore'] !== true,
    maxFileSize: values['max-file-size'] ? parseSize(values['max-file-size'], '--max-file-size') : DEFAULT_MAX_FILE_SIZE,
    decode: values['no-decode'] !== true,
    threads: values.threads ? parsePositiveInt(values.threads, '--threads') : defaultThreads(),
    report: reportFlags(values),
    verify: verifyFlags(values),
  };
}

/**
 * One thread per core, at most 8, but a single thread on machines with two cores or fewer: measured there
 * (npm run bench), sharing with a worker gained nothing on 200 MB of large files and lost ~20% on a tree of
 * small files, since the worker's boot and the syscalls it adds cost what the second core saves.
 */
export function defaultThreads(): number {
  const cores = availableParallelism();
  return cores <= 2 ? 1 : Math.min(8, cores);
}
