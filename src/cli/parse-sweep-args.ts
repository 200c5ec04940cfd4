import { join } from 'node:path';
import { UsageError } from '../core/errors.js';
import type { ObjectReader } from '../scan/run-history-scan.js';
import { parseReader } from './parse-reader.js';
import { shardFrom } from '../app/sweep-inputs.js';
import { cacheDir } from '../verify/verdict-cache.js';
import { DEFAULT_MAX_FILE_SIZE } from './parse-scan-args.js';
import { parsePositiveInt, parseSize } from './parse-size.js';
import { parseFlags } from './parse-flags.js';
import { REPORT_OPTIONS, type ReportFlags, reportFlags } from './report-flags.js';
import { VERIFY_OPTIONS, type VerifyFlags, normalizeVerifyFlag, verifyFlags } from './verify-flags.js';

export type SweepCommand = {
  kind: 'sweep';
  repoFiles: string[];
  discover: string[];
  github: Array<{ org: string; apiUrl: string; token: string | null; app: { appId: string; keyFile: string; installationId: string } | null; includeForks: boolean; includeArchived: boolean; include: string[]; exclude: string[] }>;
  maxDepth: number;
  store: string;
  cacheDir: string;
  concurrency: number;
  full: boolean;
  newOnly: boolean;
  strict: boolean;
  quiet: boolean;
  shard: ReturnType<typeof shardFrom> | null;
  repoTimeoutMs: number;
  maxFileSize: number;
  decode: boolean;
  reader: ObjectReader;
  report: ReportFlags;
  verify: VerifyFlags;
};

export function parseSweepArgs(args: string[], env: Record<string, string | undefined>): SweepCommand | { kind: 'help' } {
  const { values, positionals } = parseFlags(normalizeVerifyFlag(args), {
    ...REPORT_OPTIONS,
    repos: { type: 'string', multiple: true },
    'github-org': { type: 'string', multiple: true },
    'github-api-url': { type: 'string' },
    'github-app-id': { type: 'string' },
    'github-app-key': { type: 'string' },
    'github-installation': { type: 'string' },
    'include-forks': { type: 'boolean' },
    'include-archived': { type: 'boolean' },
    include: { type: 'string', multiple: true },
    exclude: { type: 'string', multiple: true },
    discover: { type: 'string', multiple: true },
    'max-depth': { type: 'string' },
    store: { type: 'string' },
    'cache-dir': { type: 'string' },
    concurrency: { type: 'string' },
    full: { type: 'boolean' },
    'new-only': { type: 'boolean' },
    strict: { type: 'boolean' },
    quiet: { type: 'boolean', short: 'q' },
    shard: { type: 'string' },
    'repo-timeout': { type: 'string' },
    'max-file-size': { type: 'string' },
    'no-decode': { type: 'boolean' },
    reader: { type: 'string' },
    ...VERIFY_OPTIONS,
  });
  if (values.help) return { kind: 'help' };
  if (positionals.length > 0) throw new UsageError('sweep takes its repositories from --repos FILE or --discover DIR, not as arguments');
  const repoFiles = values.repos ?? [];
  const discover = values.discover ?? [];
  const orgs = values['github-org'] ?? [];
  if (repoFiles.length + discover.length + orgs.length === 0) throw new UsageError('sweep needs --repos FILE, --discover DIR or --github-org ORG');
  const apiUrl = values['github-api-url'] ?? 'https://api.github.com';
  if (!/^https?:\/\//.test(apiUrl)) throw new UsageError(`--github-api-url must be an http(s) URL, not "${apiUrl}"`);
  const appFlags = [values['github-app-id'], values['github-app-key'], values['github-installation']];
  if (appFlags.some((v) => v !== undefined) && !appFlags.every((v) => v !== undefined)) throw new UsageError('a GitHub App needs --github-app-id, --github-app-key FILE and --github-installation together');
  const app = appFlags.every((v) => v !== undefined) ? { appId: values['github-app-id']!, keyFile: values['github-app-key']!, installationId: values['github-installation']! } : null;
  const github = orgs.map((org) => ({
    org,
    apiUrl,
    // Credentials come from the environment or a key file only: never a flag's value (shell history, ps).
    token: env.GITHUB_TOKEN || null,
    app,
    includeForks: values['include-forks'] === true,
    includeArchived: values['include-archived'] === true,
    include: values.include ?? [],
    exclude: values.exclude ?? [],
  }));
  const { repos: _repos, discover: _discover, 'github-org': _orgs, include: _include, exclude: _exclude, ...single } = values;
  const report = reportFlags(single);
  if (report.showSecrets) throw new UsageError('--show-secrets: a sweep never holds keys after scanning them (the store keeps hashes only); use keysweep history on one repository');
  if (report.baseline || report.ignoreFile) throw new UsageError('--baseline and --ignore-file are not supported by sweep yet');
  const shard = values.shard === undefined ? null : shardFrom(values.shard);
  const cache = values['cache-dir'] ?? join(cacheDir(env), 'sweep');
  return {
    kind: 'sweep',
    repoFiles,
    discover,
    github,
    maxDepth: values['max-depth'] ? parsePositiveInt(values['max-depth'], '--max-depth') : 6,
    store: values.store ?? join(cache, 'sweep.db'),
    cacheDir: cache,
    concurrency: values.concurrency ? parsePositiveInt(values.concurrency, '--concurrency') : 2,
    full: values.full === true,
    newOnly: values['new-only'] === true,
    strict: values.strict === true,
    quiet: values.quiet === true,
    shard,
    repoTimeoutMs: (values['repo-timeout'] ? parsePositiveInt(values['repo-timeout'], '--repo-timeout') : 600) * 1000,
    maxFileSize: values['max-file-size'] ? parseSize(values['max-file-size'], '--max-file-size') : DEFAULT_MAX_FILE_SIZE,
    decode: values['no-decode'] !== true,
    reader: parseReader(values.reader),
    report,
    verify: verifyFlags(single as Record<string, string | boolean | undefined>),
  };
}
