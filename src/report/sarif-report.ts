import { reveal } from '../core/secret.js';
import { safeJson } from './safe-json.js';
import { createHash } from 'node:crypto';
import { introducedBy, shownPath } from '../core/location-facts.js';
import type { Finding, Location } from '../core/types.js';
import { describeDecision } from './describe-decision.js';
import { describeKey } from './describe-key.js';
import type { ReportInput } from './report-input.js';
import { sarifRule } from './sarif-rule.js';

/**
 * `--format sarif`: SARIF 2.1.0, one result per location so code scanning shows each place. Each result
 * carries a partial fingerprint derived from the secret's hash and the path, so an alert survives moved
 * lines and re-runs and GitHub deduplicates it.
 */
export function sarifReport(input: ReportInput): string {
  // A key closed by a triage decision stays in the log as a suppressed result, with the decision as its
  // justification, so code scanning shows it dismissed rather than fixed.
  const findings = input.options.showIgnored ? [...input.findings, ...input.ignored] : [...input.findings, ...input.ignored.filter((f) => f.decision)];
  const ruleIds = [...new Set(findings.map((f) => f.ruleId))].sort();
  const rules = ruleIds.map((id) => sarifRule(findings.find((f) => f.ruleId === id)!));
  const results = findings.flatMap((finding) =>
    finding.locations.map((location) => sarifResult(finding, location, ruleIds.indexOf(finding.ruleId), input.options.showSecrets)),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: input.tool.name, version: input.tool.version, informationUri: 'https://github.com/keysweep/keysweep', rules } },
        results,
        invocations: [
          {
            executionSuccessful: input.options.incomplete !== true,
            toolExecutionNotifications: input.problems.map((p) => ({ level: 'warning', message: { text: `${p.path}: ${p.reason}` } })),
          },
        ],
      },
    ],
  };
  return `${safeJson(log, 2)}\n`;
}

/** SARIF's suppression: a triage decision carries its justification (who, when, why), so code scanning shows the same state. */
function suppression(finding: Finding, location: Location, reason: string) {
  if (reason === 'decision' && finding.decision) return { kind: 'external', status: 'accepted', justification: describeDecision(finding.decision) };
  return { kind: location.suppressed === 'allow-comment' ? 'inSource' : 'external', justification: reason };
}

function sarifResult(finding: Finding, location: Location, ruleIndex: number, showSecrets: boolean) {
  const key = showSecrets ? reveal(finding.secret) : finding.redacted;
  const intro = introducedBy(location);
  const commit = intro ? ` (introduced in commit ${intro.commit})` : '';
  const suppressed = location.suppressed ?? finding.suppressed;
  const v = finding.verification;
  const verdict = v ? ` Verification: ${v.status}${v.permission ? ` (${v.permission})` : ''}: ${v.detail}.` : '';
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: 'error',
    message: {
      text: `Leaked OpenAI ${describeKey(finding)} ${key}${commit}.${verdict} Revoke it at ${finding.remediation.revokeUrl}, then create a replacement, update deployments, check usage for the exposure window and remove it from the code. SHA-256 ${finding.secretSha256}.`,
    },
    // A key that is a file's name has no region inside the file.
    locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(location) }, ...(location.inName ? {} : { region: region(finding, location) }) } }],
    partialFingerprints: { 'keysweepSecretPath/v1': fingerprint(finding.secretSha256, shownPath(location) ?? '') },
    ...(suppressed ? { suppressions: [suppression(finding, location, suppressed)] } : {}),
    properties: {
      findingId: finding.id,
      secretSha256: finding.secretSha256,
      keyType: finding.keyType,
      format: finding.format,
      confidence: finding.confidence,
      ...(v ? { verification: v.status, permission: v.permission } : {}),
      ...(finding.decision ? { decision: finding.decision.kind, decisionState: finding.decision.state } : {}),
      ...(intro && location.source === 'git' ? { commit: intro.commit, inHead: location.inHead } : {}),
      ...(location.source === 'git' && location.objectType === 'blob' && location.unreachable ? { unreachable: true } : {}),
      ...(location.encoding ? { encoding: location.encoding } : {}),
      ...(location.assembled ? { assembled: true } : {}),
      ...(location.inName ? { inName: true } : {}),
    },
  };
}

function region(finding: Finding, location: Location) {
  const bytes = { byteOffset: location.offset, byteLength: Buffer.byteLength(reveal(finding.secret)) };
  if (location.line === null || location.column === null) return bytes;
  return { startLine: location.line, startColumn: location.column, endColumn: location.column + finding.secret.length, ...bytes };
}

function artifactUri(location: Location): string {
  const path = shownPath(location);
  if (path === null) return location.source === 'stdin' ? 'stdin' : `git-blob/${location.blobId}`;
  return path.replace(/^\.\//, '').split('/').map(encodeURIComponent).join('/');
}

function fingerprint(secretSha256: string, path: string): string {
  return createHash('sha256').update(`${secretSha256}\0${path}`).digest('hex');
}
