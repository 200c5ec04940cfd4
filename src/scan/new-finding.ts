import { secretOf } from '../core/secret.js';
import type { Finding } from '../core/types.js';
import { findingId, secretSha256 } from '../detect/identity.js';
import { redact } from '../detect/redact.js';
import { remediationFor } from '../rules/remediation.js';
import type { CompiledRule, RuleSet } from '../rules/rule-types.js';

/** A finding for a key the rules matched: every descriptive field comes from the rule and the key itself. */
export function newFinding(secret: string, rule: CompiledRule, rules: RuleSet): Finding {
  const sha = secretSha256(secret);
  return {
    id: findingId(sha),
    secretSha256: sha,
    ruleId: rule.id,
    keyType: rule.keyType,
    format: rule.format,
    formatName: rules.formats[rule.format].name,
    confidence: rule.confidence,
    redacted: redact(secret, rules.redactionPrefixes),
    secret: secretOf(secret),
    locations: [],
    remediation: remediationFor(rules, rule.format),
  };
}
