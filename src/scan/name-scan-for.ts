import type { RuleSet } from '../rules/rule-types.js';
import type { NameScan } from '../sources/name-scan.js';

/** Names holding the rules' marker are scanned as well as contents. */
export function nameScanFor(rules: RuleSet): NameScan {
  return { marker: rules.marker.toString('latin1') };
}
