import type { Finding, Location } from '../core/types.js';
import { classify } from '../detect/detect.js';
import { findingId, secretSha256 } from '../detect/identity.js';
import { redact } from '../detect/redact.js';
import type { RuleSet } from '../rules/rule-types.js';
import { remediationFor } from '../verify/remediation.js';

/**
 * A finding rebuilt from a key keysweep holds itself: the key must be one the rules detect as a whole,
 * and its SHA-256 must be `expectedSha`. Type, format, redacted form, id and remediation all come from
 * the rules, never from the report. Null when the key is not a key or not the reported one.
 */
export function rebuildFinding(secret: string, expectedSha: string, locations: Location[], rules: RuleSet): Finding | null {
  const rule = classify(secret, rules);
  if (!rule) return null;
  const sha = secretSha256(secret);
  if (sha !== expectedSha) return null;
  return {
    id: findingId(sha),
    secretSha256: sha,
    ruleId: rule.id,
    keyType: rule.keyType,
    format: rule.format,
    confidence: rule.confidence,
    redacted: redact(secret),
    secret,
    locations,
    remediation: remediationFor(rule.keyType, rule.format),
  };
}
