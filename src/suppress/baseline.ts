import { ReportInputError } from '../core/errors.js';

/**
 * The secret hashes of an earlier `--format json` report: findings already known are not reported again.
 * A baseline that cannot be used fails the run; silently ignoring it would re-raise or hide findings.
 */
export function parseBaseline(text: string, path: string): Set<string> {
  let report: unknown;
  try {
    report = JSON.parse(text);
  } catch (error) {
    throw new ReportInputError(`baseline ${path} is not JSON (use a report written with --format json)`, { cause: error });
  }
  const { schemaVersion, findings, ignored } = (report ?? {}) as { schemaVersion?: unknown; findings?: unknown; ignored?: unknown };
  if (schemaVersion !== 1 || !Array.isArray(findings)) {
    throw new ReportInputError(`baseline ${path} is not a keysweep JSON report with schemaVersion 1`);
  }
  const hashes = new Set<string>();
  for (const entry of [...findings, ...(Array.isArray(ignored) ? ignored : [])]) {
    const hash = (entry as { secretSha256?: unknown } | null)?.secretSha256;
    if (typeof hash === 'string' && /^[0-9a-f]{64}$/.test(hash)) hashes.add(hash);
  }
  return hashes;
}
