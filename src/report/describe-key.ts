import type { Finding } from '../core/types.js';

/** "admin key (admin key format)" / "project key (service-account format, non-standard length: low confidence)". */
export function describeKey(finding: Pick<Finding, 'keyType' | 'formatName' | 'confidence'>): string {
  const kind = finding.keyType === 'admin' ? 'admin key' : 'project key';
  const low = finding.confidence === 'low' ? ', non-standard length: low confidence' : '';
  return `${kind} (${finding.formatName}${low})`;
}
