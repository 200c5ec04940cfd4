import type { Finding, Location } from '../core/types.js';
import { classify } from '../detect/detect.js';
import type { RuleSet } from '../rules/rule-types.js';
import { newFinding } from '../scan/new-finding.js';

/**
 * A finding rebuilt from a key keysweep holds itself: the key must be one the rules detect as a whole,
 * and its SHA-256 must be `expectedSha`. Type, format, redacted form, id and remediation all come from
 * the rules, never from the report. Null when the key is not a key or not the reported one.
 */
export function rebuildFinding(secret: string, expectedSha: string, locations: Location[], rules: RuleSet): Finding | null {
  const rule = classify(secret, rules);
  if (!rule) return null;
  const finding = newFinding(secret, rule, rules);
  return finding.secretSha256 === expectedSha ? { ...finding, locations } : null;
}
