import { describe, expect, it } from 'vitest';
import { jsonReport } from '../../src/report/json-report.js';
import { jsonlReport } from '../../src/report/jsonl-report.js';
import { reportFixture } from './report-fixture.js';

describe('json and jsonl reports (schema version 1)', () => {
  it('json matches the golden file', async () => {
    await expect(jsonReport(reportFixture())).toMatchFileSnapshot('./golden/report.json');
  });

  it('jsonl matches the golden file: findings, ignored, problems, then a summary line', async () => {
    const text = jsonlReport(reportFixture({ showIgnored: true }));
    await expect(text).toMatchFileSnapshot('./golden/report.jsonl');
    const types = text.trim().split('\n').map((line) => (JSON.parse(line) as { type: string }).type);
    expect(types).toEqual(['finding', 'finding', 'ignored', 'problem', 'summary']);
  });

  it('every finding carries the documented fields and no secret', () => {
    const report = JSON.parse(jsonReport(reportFixture())) as { schemaVersion: number; findings: Array<Record<string, unknown>> };
    expect(report.schemaVersion).toBe(1);
    expect(report.findings[0]!.verification).toMatchObject({ status: 'live', permission: null, reach: ['admin_api_keys', 'projects'] });
    for (const finding of report.findings) {
      const verified = finding.verification ? ['verification'] : [];
      expect(Object.keys(finding)).toEqual(['id', 'rule', 'keyType', 'format', 'confidence', 'redacted', 'secretSha256', 'locations', ...verified, 'remediation']);
      expect(finding.remediation).toEqual({ revokeUrl: expect.stringMatching(/^https:\/\/platform\.openai\.com\//), apiRevocation: expect.anything(), steps: expect.any(Array) });
    }
  });
});
