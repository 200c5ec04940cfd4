import { verificationHost, verifyKeys } from '../app/verify-keys.js';
import type { ScanResult } from '../core/types.js';
import { loadBuiltinRules } from '../rules/load-rules.js';
import type { CliIo } from './cli-io.js';
import { toolInfo } from './tool-info.js';
import type { VerifyFlags } from './verify-flags.js';

/** Verifies a result's findings when asked (saying first where keys go) and returns the result with the verdicts. */
export async function withVerification<T extends ScanResult>(result: T, flags: VerifyFlags, io: CliIo): Promise<T> {
  if (!flags || result.findings.length === 0) return result;
  io.stderr.write(`keysweep: verifying ${result.findings.length} key(s) with ${verificationHost(io)} (read-only requests; each key is sent to OpenAI only)…\n`);
  const findings = await verifyKeys(result.findings, flags, { cwd: io.cwd, env: io.env, userAgent: `keysweep/${toolInfo().version} (+secret-leak verification)`, rules: loadBuiltinRules() });
  return { ...result, findings };
}
