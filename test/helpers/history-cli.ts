import type { Location } from '../../src/core/types.js';
import { secretSha256 } from '../../src/detect/identity.js';
import { runCli } from './run-cli.js';

export type HistoryLocation = Location;
export type HistoryReport = {
  findings: Array<{ secretSha256: string; keyType: string; format: string; locations: HistoryLocation[] }>;
  stats: { filesScanned: number; skipped: Record<string, number>; git: Record<string, unknown> & { blobs: number; commits: number; refs: number } };
  problems: Array<{ path: string; code: string }>;
};

/** `keysweep history --format json` in-process, parsed. */
export async function historyJson(cwd: string, args: string[] = []) {
  const result = await runCli(['history', '--format', 'json', ...args], { cwd });
  return { ...result, report: (result.stdout ? JSON.parse(result.stdout) : null) as HistoryReport };
}

export function findingFor(report: HistoryReport, secret: string) {
  return report.findings.find((f) => f.secretSha256 === secretSha256(secret));
}
