import type { Finding } from '../core/types.js';
import { findingId, secretSha256 } from '../detect/identity.js';
import { redact } from '../detect/redact.js';
import type { CompiledRule } from '../rules/rule-types.js';
import { remediationFor } from '../verify/remediation.js';

/** A finding for a key the rules matched: every descriptive field comes from the rule and the key itself. */
export function newFinding(secret: string, rule: CompiledRule): Finding {
  const sha = secretSha256(secret);
  return {
    id: findingId(sha),
    secretSha256: sha,
    ruleId: rule.id,
    keyType: rule.keyType,
    format: rule.format,
    confidence: rule.confidence,
    redacted: redact(secret),
    secret,
    locations: [],
    remediation: remediationFor(rule.keyType, rule.format),
  };
}
