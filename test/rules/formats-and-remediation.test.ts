import { describe, expect, it } from 'vitest';
import { compileRules } from '../../src/rules/compile-rules.js';
import { loadBuiltinRules } from '../../src/rules/load-rules.js';
import { remediationFor } from '../../src/rules/remediation.js';

const rules = loadBuiltinRules();

describe('key knowledge lives in the rule file', () => {
  it('every format has a display name, prefixes and a revocation page (shared/openai-keys.md §4)', () => {
    expect(remediationFor(rules, 'admin').revokeUrl).toBe('https://platform.openai.com/settings/organization/admin-keys');
    expect(remediationFor(rules, 'legacy')).toMatchObject({ revokeUrl: 'https://platform.openai.com/settings/organization/api-keys', apiRevocation: null });
    for (const format of ['project', 'service-account', 'none'] as const) {
      expect(remediationFor(rules, format).revokeUrl, format).toBe('https://platform.openai.com/api-keys');
      expect(remediationFor(rules, format, 'proj_abc').revokeUrl, format).toBe('https://platform.openai.com/settings/proj_abc/api-keys');
      expect(remediationFor(rules, format).apiRevocation, format).toContain('DELETE https://api.openai.com/v1/organization/projects/{project_id}/api_keys/{api_key_id}');
    }
    expect(remediationFor(rules, 'service-account').steps[0]).toBe("Revoke the service account key on its project's API keys page (https://platform.openai.com/api-keys, Settings → Project → API keys).");
    expect(remediationFor(rules, 'project', 'proj_x').steps[0]).toBe("Revoke the key on its project's API keys page (https://platform.openai.com/settings/proj_x/api-keys).");
    const steps = remediationFor(rules, 'admin').steps.join('\n');
    expect(steps).toContain('Check usage (https://platform.openai.com/usage)');
    expect(steps).not.toMatch(/\{(page|usage|where)\}/);
    expect(rules.redactionPrefixes).toEqual(['sk-svcacct-', 'sk-admin-', 'sk-proj-', 'sk-None-']);
  });

  it('a rule file whose format lacks a name, prefixes or a remediation kind is refused', () => {
    const spec = rules.spec;
    expect(() => compileRules({ ...spec, formats: { ...spec.formats, none: { name: 'x', prefixes: [], remediation: 'project' } } })).toThrow(/format none: needs a name and at least one prefix/);
    expect(() => compileRules({ ...spec, formats: { ...spec.formats, admin: { ...spec.formats.admin, remediation: 'nope' } } })).toThrow(/no remediation kind "nope"/);
    expect(() => compileRules({ ...spec, formats: { ...spec.formats, legacy: { ...spec.formats.legacy, prefixes: ['sk-{x}'] } } })).toThrow(/literal/);
  });
});
