import { reveal } from '../core/secret.js';
import type { Finding, Location } from '../core/types.js';

/**
 * A finding as machine-readable output (schema version 1, documented in the README). The full key appears
 * only when `showSecrets` is set; field order is stable.
 */
export function findingJson(finding: Finding, showSecrets: boolean): Record<string, unknown> {
  return {
    id: finding.id,
    rule: finding.ruleId,
    keyType: finding.keyType,
    format: finding.format,
    confidence: finding.confidence,
    redacted: finding.redacted,
    secretSha256: finding.secretSha256,
    ...(showSecrets ? { secret: reveal(finding.secret) } : {}),
    locations: finding.locations.map(locationJson),
    ...(finding.verification ? { verification: finding.verification } : {}),
    remediation: finding.remediation,
    ...(finding.suppressed ? { suppressed: finding.suppressed } : {}),
  };
}

function locationJson(location: Location): Record<string, unknown> {
  const { source, path, line, column, offset, blobId, suppressed, ...git } = location;
  return { source, path, line, column, offset, blobId, ...git, ...(suppressed ? { suppressed } : {}) };
}
