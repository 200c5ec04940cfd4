import type { Finding } from '../core/types.js';

const FORMAT_NAMES: Record<Finding['format'], string> = {
  legacy: 'legacy user key format',
  none: 'sk-None- format',
  project: 'project key format',
  'service-account': 'service-account format',
  admin: 'admin key format',
};

/** "admin key (admin key format)" / "project key (service-account format, non-standard length)". */
export function describeKey(finding: Pick<Finding, 'keyType' | 'format' | 'confidence'>): string {
  const kind = finding.keyType === 'admin' ? 'admin key' : 'project key';
  const low = finding.confidence === 'low' ? ', non-standard length: low confidence' : '';
  return `${kind} (${FORMAT_NAMES[finding.format]}${low})`;
}
