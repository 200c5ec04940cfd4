import { verificationHost, verifyKeys } from '../app/verify-keys.js';
import type { ScanResult } from '../core/types.js';
import { loadBuiltinRules } from '../rules/load-rules.js';
import { compareFindings } from '../scan/run-scan.js';
import { reconsiderAfterVerification } from '../suppress/apply-decisions.js';
import type { CliIo } from './cli-io.js';
import { toolInfo } from './tool-info.js';
import type { VerifyFlags } from './verify-flags.js';

/**
 * Verifies a result's findings when asked (saying first where keys go) and returns the result with the
 * verdicts. Keys closed as revoked by a triage decision are checked too: one that answers live is reported again.
 */
export async function withVerification<T extends ScanResult>(result: T, flags: VerifyFlags, io: CliIo): Promise<T> {
  const decidedRevoked = result.ignored.filter((f) => f.decision?.kind === 'revoked' && f.decision.state === 'active');
  const toCheck = [...result.findings, ...decidedRevoked];
  if (!flags || toCheck.length === 0) return result;
  io.stderr.write(`keysweep: verifying ${toCheck.length} key(s) with ${verificationHost(io)} (read-only requests; each key is sent to OpenAI only)…\n`);
  const verified = await verifyKeys(toCheck, flags, { cwd: io.cwd, env: io.env, userAgent: `keysweep/${toolInfo().version} (+secret-leak verification)`, rules: loadBuiltinRules() });
  const bySha = new Map(verified.map((f) => [f.secretSha256, f]));
  const findings = result.findings.map((f) => bySha.get(f.secretSha256) ?? f);
  const ignored = result.ignored.map((f) => bySha.get(f.secretSha256) ?? f);
  const split = reconsiderAfterVerification({ findings, ignored });
  return { ...result, findings: split.findings.sort(compareFindings), ignored: split.ignored, stats: { ...result.stats, findings: split.findings.length, ignoredFindings: split.ignored.length } };
}
