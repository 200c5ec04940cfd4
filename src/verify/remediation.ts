import type { KeyFormat, KeyType, Remediation } from '../core/types.js';

const PROJECT_KEYS_PAGE = 'https://platform.openai.com/api-keys';
const ORG_KEYS_PAGE = 'https://platform.openai.com/settings/organization/api-keys';
const ADMIN_KEYS_PAGE = 'https://platform.openai.com/settings/organization/admin-keys';
const USAGE_PAGE = 'https://platform.openai.com/usage';

const AFTER_REVOKING = [
  'Create a replacement key with the least privilege that works (Restricted or Read only where possible).',
  'Update every deployment, CI secret and developer environment that used the old key.',
  `Check usage (${USAGE_PAGE}) and the organisation audit log for the exposure window: from the commit that introduced the key until now.`,
  'Remove the key from the code and, if the history was shared, from the git history (git filter-repo); revoke anyway: a pushed key counts as public.',
];

/**
 * How to revoke a key of this type (shared/openai-keys.md §4). Revocation comes first: removing a key from
 * the code does not make it safe once it has left the developer's machine.
 */
export function remediationFor(keyType: KeyType, format: KeyFormat, projectId?: string): Remediation {
  if (keyType === 'admin') {
    return {
      revokeUrl: ADMIN_KEYS_PAGE,
      apiRevocation:
        'GET https://api.openai.com/v1/organization/admin_api_keys (match redacted_value), then DELETE https://api.openai.com/v1/organization/admin_api_keys/{key_id}',
      steps: [
        `Revoke it now: an admin key reaches the whole organisation (users, projects, keys, billing). Organisation owners: ${ADMIN_KEYS_PAGE}.`,
        'List the organisation admin keys and API keys created while it was exposed, and revoke any you did not create.',
        ...AFTER_REVOKING,
      ],
    };
  }
  if (format === 'legacy') {
    return {
      revokeUrl: ORG_KEYS_PAGE,
      apiRevocation: null,
      steps: [`Revoke it on the organisation's API keys page (${ORG_KEYS_PAGE}); legacy user keys have no revocation API.`, ...AFTER_REVOKING],
    };
  }
  const owner = format === 'service-account' || format === 'none' ? 'the service account key' : 'the key';
  // Verification may name the project (openai-project header): then the page is that project's own.
  const page = projectId ? `https://platform.openai.com/settings/${projectId}/api-keys` : PROJECT_KEYS_PAGE;
  return {
    revokeUrl: page,
    apiRevocation:
      'GET https://api.openai.com/v1/organization/projects/{project_id}/api_keys?owner_project_access=any (match redacted_value), then DELETE https://api.openai.com/v1/organization/projects/{project_id}/api_keys/{api_key_id}',
    steps: [`Revoke ${owner} on its project's API keys page (${page}${projectId ? '' : ', Settings → Project → API keys'}).`, ...AFTER_REVOKING],
  };
}
