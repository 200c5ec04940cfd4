import type { Finding, ScanResult } from '../core/types.js';
import { redactKeysIn } from '../detect/redact-keys-in.js';
import type { RuleSet } from '../rules/rule-types.js';

/** Reports print paths and problems: a key hiding in a file name is redacted there too. */
export function redactPaths(result: ScanResult, rules: RuleSet): ScanResult {
  const marker = rules.marker.toString('latin1');
  const path = (p: string | null) => (p === null ? null : redactKeysIn(p, marker));
  const finding = (f: Finding): Finding => ({ ...f, locations: f.locations.map((l) => ({ ...l, path: path(l.path) })) });
  return {
    ...result,
    findings: result.findings.map(finding),
    ignored: result.ignored.map(finding),
    problems: result.problems.map((p) => ({ ...p, path: redactKeysIn(p.path, marker), reason: redactKeysIn(p.reason, marker) })),
  };
}
