import type { KeyFormat, Remediation } from '../core/types.js';
import type { RuleSet } from './rule-types.js';

/**
 * How to revoke a key of this format, from the rule file's remediation texts (shared/openai-keys.md §4):
 * the page to revoke it on (its own project's page when verification named the project), the Admin API
 * calls when there are any, and the steps. Revocation comes first: removing a key from the code does not
 * make it safe once it has left the developer's machine.
 */
export function remediationFor(rules: Pick<RuleSet, 'formats' | 'remediation'>, format: KeyFormat, projectId?: string): Remediation {
  const kind = rules.remediation.kinds[rules.formats[format].remediation]!;
  const page = projectId && kind.projectPage ? kind.projectPage.replace('{projectId}', projectId) : kind.page;
  const where = kind.projectPage && !projectId ? ', Settings → Project → API keys' : '';
  const fill = (text: string) => text.replaceAll('{page}', page).replaceAll('{usage}', rules.remediation.usagePage).replaceAll('{where}', where);
  return { revokeUrl: page, apiRevocation: kind.apiRevocation, steps: [...kind.steps, ...rules.remediation.afterRevoking].map(fill) };
}
