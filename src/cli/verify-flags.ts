import { UsageError } from '../core/errors.js';
import type { VerifyDepth } from '../verify/verdict-cache.js';
import { parsePositiveInt } from './parse-size.js';

/** Flags shared by every command that can verify: scan, history, the hooks and verify itself. */
export const VERIFY_OPTIONS = {
  verify: { type: 'string' },
  'no-cache': { type: 'boolean' },
  'verify-timeout': { type: 'string' },
  'verify-budget': { type: 'string' },
} as const;

export type VerifyFlags = { depth: VerifyDepth; cache: boolean; timeoutMs: number; budgetMs: number } | null;

/** `--verify` alone means a basic check; parseArgs has no optional values, so it becomes `--verify=basic`. */
export function normalizeVerifyFlag(args: string[]): string[] {
  return args.map((arg) => (arg === '--verify' ? '--verify=basic' : arg));
}

const DEPTHS: Record<string, VerifyDepth> = { basic: 'basic', deep: 'deep', 'deep,owner': 'deep-owner' };

export function verifyFlags(values: Record<string, string | boolean | undefined>, always = false): VerifyFlags {
  const raw = values.verify as string | undefined;
  if (raw === undefined && !always) return null;
  const depth = DEPTHS[raw ?? 'basic'];
  if (!depth) throw new UsageError(`--verify takes nothing, =deep or =deep,owner, not "${raw}"`);
  const seconds = (name: string, fallback: number) => (values[name] ? parsePositiveInt(values[name] as string, `--${name}`) : fallback) * 1000;
  return { depth, cache: values['no-cache'] !== true, timeoutMs: seconds('verify-timeout', 10), budgetMs: seconds('verify-budget', 120) };
}
