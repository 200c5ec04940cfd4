import { reveal } from '../core/secret.js';
import pLimit from 'p-limit';
import type { Finding, Remediation, Verification } from '../core/types.js';
import { createHash } from 'node:crypto';
import { createOpenAIClient } from './openai-client.js';
import { createRateLimiter } from './rate-limiter.js';
import type { RetryPolicy } from './retrying-check.js';
import type { VerdictCache, VerifyDepth } from './verdict-cache.js';
import { verifyKey } from './verify-key.js';

export type VerifyOptions = {
  depth: VerifyDepth;
  baseUrl: string;
  /** Per request (default 10 s). */
  timeoutMs: number;
  /** For the whole run (default 120 s): keys not reached by then are `unknown`, never skipped silently. */
  budgetMs: number;
  /** Keys checked at once (default 4). */
  concurrency: number;
  /** Requests per second across all keys (default 4, bursts of 4). */
  perSecond: number;
  cache: VerdictCache | null;
  userAgent: string;
  clock?: { now: () => number; sleep: (ms: number) => Promise<void>; random: () => number };
  fetch?: typeof fetch;
  /** The remediation for a finding once verification named its project (the project's own page). */
  remediate?: (finding: Finding, projectId: string) => Remediation;
  /** Called after each key is checked, with how many are done. */
  onChecked?: (done: number) => void;
};

const realClock = { now: Date.now, sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)), random: Math.random };

/**
 * Verifies each finding's key once (findings are one per secret), politely: a concurrency cap, a global
 * rate limit, bounded retries and an overall budget. Cached verdicts (by SHA-256) are reused. Returns new
 * findings, in the same order, each with its `verification`, and project keys pointed at their own
 * project's page when OpenAI named the project; the findings given are left as they were.
 */
export async function verifyFindings(findings: readonly Finding[], options: VerifyOptions): Promise<Finding[]> {
  const clock = options.clock ?? realClock;
  const client = createOpenAIClient(options.baseUrl, { timeoutMs: options.timeoutMs, userAgent: options.userAgent, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const policy: RetryPolicy = { maxRetries: 2, baseDelayMs: 500, maxDelayMs: 10_000, deadline: clock.now() + options.budgetMs, ...clock };
  const throttle = createRateLimiter(options.perSecond, Math.max(1, options.perSecond), clock);
  const limit = pLimit(options.concurrency);
  let done = 0;
  const verified = await Promise.all(
    findings.map((finding) =>
      limit(async () => {
        // Keyed by the hash of the key actually sent, never by a hash the finding carries: a crafted report
        // pairing one key with another's hash must not file a verdict under the other key.
        // The one place a key is revealed to leave the process: to OpenAI, and hashed for the cache.
        const key = reveal(finding.secret);
        const sha = createHash('sha256').update(key, 'utf8').digest('hex');
        const cached = options.cache?.get(sha, options.depth, clock.now()) ?? null;
        const verification = cached ?? (await verifyKey(key, finding.keyType, { client, policy, throttle, depth: options.depth }));
        if (!cached) options.cache?.put(sha, options.depth, verification);
        options.onChecked?.(++done);
        return withVerdict(finding, verification, options.remediate);
      }),
    ),
  );
  await options.cache?.save();
  return verified;
}

function withVerdict(finding: Finding, verification: Verification, remediate: VerifyOptions['remediate']): Finding {
  const remediation = verification.projectId && remediate ? remediate(finding, verification.projectId) : finding.remediation;
  return { ...finding, verification, remediation };
}
