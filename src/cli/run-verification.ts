import type { Finding } from '../core/types.js';
import { compareFindings } from '../scan/run-scan.js';
import { apiBaseUrl } from '../verify/openai-endpoint.js';
import { cacheDir, openVerdictCache } from '../verify/verdict-cache.js';
import { verifyFindings } from '../verify/verify-findings.js';
import type { CliIo } from './cli-io.js';
import { toolInfo } from './tool-info.js';
import type { VerifyFlags } from './verify-flags.js';

/** Verifies findings when asked, then orders them for triage: live keys first, admin keys before project keys. */
export async function runVerification(findings: Finding[], flags: VerifyFlags, io: CliIo): Promise<void> {
  if (!flags || findings.length === 0) return;
  const baseUrl = apiBaseUrl(io.env);
  const cache = flags.cache ? await openVerdictCache(cacheDir(io.env)) : null;
  io.stderr.write(`keysweep: verifying ${findings.length} key(s) with ${baseUrl} (read-only requests; each key is sent to OpenAI only)…\n`);
  await verifyFindings(findings, {
    depth: flags.depth,
    baseUrl,
    timeoutMs: flags.timeoutMs,
    budgetMs: flags.budgetMs,
    concurrency: 4,
    perSecond: 4,
    cache,
    userAgent: `keysweep/${toolInfo().version} (+secret-leak verification)`,
  });
  findings.sort(compareFindings);
}
