import { UsageError } from '../core/errors.js';

export type ReportFormat = 'text' | 'json' | 'jsonl' | 'sarif';
const FORMATS: ReportFormat[] = ['text', 'json', 'jsonl', 'sarif'];

/** Output flags shared by every command that reports findings. */
export const REPORT_OPTIONS = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  'show-secrets': { type: 'boolean' },
  'show-ignored': { type: 'boolean' },
  'no-color': { type: 'boolean' },
  baseline: { type: 'string' },
  'ignore-file': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type ReportFlags = {
  format: ReportFormat;
  output: string | null;
  showSecrets: boolean;
  showIgnored: boolean;
  noColor: boolean;
  baseline: string | null;
  ignoreFile: string | null;
};

export function reportFlags(values: Record<string, string | boolean | undefined>): ReportFlags {
  const format = (values.format ?? 'text') as ReportFormat;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${String(values.format)}"`);
  return {
    format,
    output: (values.output as string | undefined) ?? null,
    showSecrets: values['show-secrets'] === true,
    showIgnored: values['show-ignored'] === true,
    noColor: values['no-color'] === true,
    baseline: (values.baseline as string | undefined) ?? null,
    ignoreFile: (values['ignore-file'] as string | undefined) ?? null,
  };
}

export const DEFAULT_REPORT_FLAGS: ReportFlags = { format: 'text', output: null, showSecrets: false, showIgnored: false, noColor: false, baseline: null, ignoreFile: null };
