import { secretOf } from '../../src/core/secret.js';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import type { Finding } from '../../src/core/types.js';
import { findingId, secretSha256 } from '../../src/detect/identity.js';
import { redacted } from '../helpers/redacted.js';
import type { ReportInput } from '../../src/report/report-input.js';
import { loadBuiltinRules } from '../../src/rules/load-rules.js';
import { remediationFor } from '../../src/rules/remediation.js';

/** Deterministic report input for golden files: seeded keys, fixed stats, no clock. */
export function reportFixture(options: Partial<ReportInput['options']> = {}): ReportInput {
  const rng = seededRng(99);
  const finding = (kind: string, ruleId: string, keyType: Finding['keyType'], format: Finding['format'], paths: Array<[string | null, number | null, number | null, number]>): Finding => {
    const secret = fakeKey(kind, rng);
    const sha = secretSha256(secret);
    return {
      id: findingId(sha),
      secretSha256: sha,
      ruleId,
      keyType,
      format,
      formatName: loadBuiltinRules().formats[format].name,
      confidence: 'high',
      redacted: redacted(secret),
      secret: secretOf(secret),
      locations: paths.map(([path, line, column, offset]) => (path === null ? { source: 'stdin' as const, path, line, column, offset, blobId: 'b'.repeat(40) } : { source: 'file' as const, path, line, column, offset, blobId: 'b'.repeat(40) })),
      remediation: remediationFor(loadBuiltinRules(), format),
    };
  };
  const admin = finding('admin', 'openai-admin-key', 'admin', 'admin', [['config/prod.yaml', 3, 14, 40]]);
  admin.verification = { status: 'live', permission: null, detail: 'OpenAI accepted the key (HTTP 200); organisation-level reads that answer: admin_api_keys, projects', checkedAt: '2026-01-02T03:04:05.000Z', reach: ['admin_api_keys', 'projects'] };
  const project = finding('project-v2', 'openai-project-key-v2', 'project', 'project', [['.env', 2, 16, 30], ['data/cache.sqlite', null, null, 4096], [null, 1, 1, 0]]);
  const ignored = { ...finding('legacy', 'openai-legacy-key', 'project', 'legacy', [['test/fixture.py', 1, 6, 5]]), suppressed: 'allow-comment' as const };
  return {
    findings: [admin, project],
    ignored: [ignored],
    stats: { filesScanned: 12, bytesScanned: 123_456, skipped: { 'too-large': 1, gitignored: 4 }, findings: 2, ignoredFindings: 1, problems: 1, durationMs: 42 },
    problems: [{ path: 'secret/locked.env', code: 'EACCES', reason: 'cannot read file: EACCES' }],
    tool: { name: 'keysweep', version: '0.0.0-test' },
    options: { showSecrets: false, showIgnored: false, color: false, ...options },
  };
}
