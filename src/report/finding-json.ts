import { introducedBy, shownPath } from '../core/location-facts.js';
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
    ...(finding.decision ? { decision: finding.decision } : {}),
  };
}

/** Schema v1 flattens a location: git fields sit beside the position, and a message's path is "(commit message)". */
export function locationJson(location: Location): Record<string, unknown> {
  const { source, line, column, offset, blobId, suppressed, encoding, assembled, inName } = location;
  const git =
    location.source === 'git'
      ? {
          repo: location.repo,
          objectType: location.objectType,
          inHead: location.inHead,
          ...(location.objectType === 'blob' && location.unreachable ? { unreachable: true } : {}),
          // A message's commit is the object itself, named even when its details could not be read.
          ...(location.objectType === 'commit' ? { commit: location.blobId } : {}),
          ...(introducedBy(location) ?? {}),
        }
      : location.source === 'git-object'
        ? { repo: location.repo, objectType: location.objectType }
        : {};
  return { source, path: shownPath(location), line, column, offset, blobId, ...(encoding ? { encoding } : {}), ...(assembled ? { assembled } : {}), ...(inName ? { inName } : {}), ...git, ...(suppressed ? { suppressed } : {}) };
}
