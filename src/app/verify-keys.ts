import type { Finding } from '../core/types.js';
import { remediationFor } from '../rules/remediation.js';
import type { RuleSet } from '../rules/rule-types.js';
import { compareFindings } from '../scan/run-scan.js';
import { apiBaseUrl } from '../verify/openai-endpoint.js';
import { cacheDir, openVerdictCache, type VerifyDepth } from '../verify/verdict-cache.js';
import { verifyFindings } from '../verify/verify-findings.js';
import { NO_PROGRESS, type ProgressListener } from './progress.js';
import type { RunContext } from './run-context.js';

/** How to verify: depth, the verdict cache, per-request timeout and overall budget. */
export type VerifyRequest = { depth: VerifyDepth; cache: boolean; timeoutMs: number; budgetMs: number };

/** Where keys will be sent, for the caller to tell the user before anything is sent. */
export function verificationHost(context: RunContext): string {
  return apiBaseUrl(context.env);
}

/**
 * Checks each finding's key with OpenAI (read-only requests; the base URL guard allows only OpenAI or a
 * loopback test server) and returns new findings ordered for triage: live keys first, admin keys before
 * project keys. The findings given are not changed.
 */
export async function verifyKeys(findings: readonly Finding[], request: VerifyRequest, context: RunContext & { userAgent: string; rules: RuleSet }, progress: ProgressListener = NO_PROGRESS): Promise<Finding[]> {
  if (findings.length === 0) return [];
  const baseUrl = apiBaseUrl(context.env);
  const cache = request.cache ? await openVerdictCache(cacheDir(context.env)) : null;
  const total = findings.length;
  progress({ phase: 'verify', done: 0, total, bytes: 0, findings: total });
  const verified = await verifyFindings(findings, {
    depth: request.depth,
    baseUrl,
    timeoutMs: request.timeoutMs,
    budgetMs: request.budgetMs,
    concurrency: 4,
    perSecond: 4,
    cache,
    userAgent: context.userAgent,
    remediate: (finding, projectId) => remediationFor(context.rules, finding.format, projectId),
    onChecked: (done) => progress({ phase: 'verify', done, total, bytes: 0, findings: total }),
  });
  return verified.sort(compareFindings);
}
