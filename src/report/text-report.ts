import { reveal } from '../core/secret.js';
import type { Finding } from '../core/types.js';
import { describeDecision } from './describe-decision.js';
import { describeKey } from './describe-key.js';
import { describeLocation } from './describe-location.js';
import { formatBytes, formatDuration, plural } from './format-units.js';
import { printable } from './printable.js';
import type { ReportInput } from './report-input.js';
import { repositoryTable } from './repository-table.js';
import { type Style, textStyle } from './text-style.js';

/** For people: each finding with its kind, every location and where to revoke it, then one summary. */
export function textReport(input: ReportInput): string {
  const style = textStyle(input.options.color);
  const out: string[] = input.repositories ? [...repositoryTable(input.repositories), ''] : [];
  if (input.findings.length > 0) {
    out.push(style.bold(`keysweep found ${plural(input.findings.length, 'leaked OpenAI key')}:`), '');
    for (const finding of input.findings) out.push(...findingLines(finding, input, style), '');
  }
  if (input.options.showIgnored && input.ignored.length > 0) {
    out.push(style.dim(`Ignored (${input.ignored.length}):`), '');
    for (const finding of input.ignored) out.push(...findingLines(finding, input, style).map(style.dim), '');
  }
  for (const problem of input.problems) out.push(style.yellow(`problem: ${printable(problem.path)}: ${printable(problem.reason)}`));
  out.push(summaryLine(input, style));
  return `${out.join('\n')}\n`;
}

function gitNotes(git: NonNullable<ReportInput['stats']['git']>): string[] {
  const notes: string[] = [];
  if (git.shallow) notes.push('shallow clone: history scanned as far as it goes');
  if (git.bare) notes.push('bare repository');
  if (git.submodules.length > 0) notes.push(`${plural(git.submodules.length, 'submodule')} not descended into (${git.submodules.slice(0, 3).map(printable).join(', ')}${git.submodules.length > 3 ? ', …' : ''})`);
  if (git.lfsPointers > 0) notes.push(`${plural(git.lfsPointers, 'Git LFS pointer')} (content stored outside git, not scanned)`);
  if (git.missingObjects > 0) notes.push(`${plural(git.missingObjects, 'missing object')}`);
  return notes;
}

function findingLines(finding: Finding, input: ReportInput, style: Style): string[] {
  const badge = finding.keyType === 'admin' ? style.red(style.bold('ADMIN KEY')) : style.yellow('project key');
  const key = input.options.showSecrets ? reveal(finding.secret) : finding.redacted;
  const lines = [`${badge}  ${style.bold(key)}  ${describeKey(finding)}${finding.suppressed ? style.dim(`  [ignored: ${finding.suppressed}]`) : ''}`];
  lines.push(style.dim(`  id ${finding.id}  sha256 ${finding.secretSha256}`));
  if (finding.decision) lines.push(finding.decision.state === 'active' ? style.dim(`  decision: ${describeDecision(finding.decision)}`) : `  ${style.red(describeDecision(finding.decision))}`);
  if (finding.verification) lines.push(...verificationLines(finding.verification, style));
  for (const location of finding.locations) {
    lines.push(`  ${describeLocation(location)}${location.suppressed ? style.dim(`  [${location.suppressed}]`) : ''}`);
  }
  const { remediation } = finding;
  lines.push(`  revoke: ${remediation.revokeUrl}`);
  lines.push(style.dim(`  admin API: ${remediation.apiRevocation ?? 'none for this key type (use the page above)'}`));
  lines.push(style.dim('  then: create a least-privilege replacement, update deployments, check usage and audit logs for the exposure window, remove it from history'));
  return lines;
}

function verificationLines(v: NonNullable<Finding['verification']>, style: Style): string[] {
  const status = v.status === 'live' ? style.red(style.bold('LIVE')) : v.status === 'revoked' ? style.green('revoked') : style.yellow('unknown');
  // Details, scopes and owner fields come from the API's answers: escaped like anything from outside.
  const p = (text: string) => printable(text);
  const lines = [`  verification: ${status}${v.permission ? ` (${v.permission})` : ''}${v.fromCache ? style.dim(' (cached)') : ''}: ${p(v.detail)}`];
  if (v.projectId || v.organization) lines.push(`    ${[v.projectId ? `project ${p(v.projectId)}` : '', v.organization ? `organization ${p(v.organization)}` : ''].filter(Boolean).join(', ')}`);
  if (v.scopes) lines.push(`    scopes allowed: ${p(v.scopes.allowed.join(', ')) || 'none'}; denied: ${p(v.scopes.denied.join(', ')) || 'none'}`);
  if (v.reach) lines.push(`    organisation-level reach: ${p(v.reach.join(', ')) || 'none'}`);
  if (v.owner) lines.push(`    owner (redacted): ${p([v.owner.name, v.owner.email, v.owner.phone].filter(Boolean).join(', '))}${v.owner.organizations?.length ? `; orgs ${p(v.owner.organizations.join(', '))}` : ''}`);
  return lines;
}

function summaryLine(input: ReportInput, style: Style): string {
  const { stats } = input;
  const { git } = stats;
  const parts = git
    ? [
        `scanned ${plural(git.blobs, 'blob')} and ${plural(git.commits, 'commit')} across ${plural(git.refs, 'ref')} of ${printable(git.repo)} (${printable(git.scope)}; ${formatBytes(stats.bytesScanned)}) in ${formatDuration(stats.durationMs)}`,
        ...gitNotes(git),
      ]
    : [`scanned ${plural(stats.filesScanned, 'file')} (${formatBytes(stats.bytesScanned)}) in ${formatDuration(stats.durationMs)}`];
  const skipped = Object.entries(stats.skipped).filter(([, n]) => n && n > 0);
  if (skipped.length > 0) parts.push(`skipped: ${skipped.map(([reason, n]) => `${n} ${reason}`).join(', ')}`);
  if (stats.problems > 0) parts.push(style.yellow(plural(stats.problems, 'problem')));
  if (stats.ignoredFindings > 0) {
    const placeholders = stats.placeholders ? `, ${plural(stats.placeholders, 'placeholder')}` : '';
    parts.push(`${stats.ignoredFindings} ignored${placeholders}${input.options.showIgnored ? '' : ' (--show-ignored lists them)'}`);
  }
  const verdict =
    stats.findings > 0
      ? style.red(`${plural(stats.findings, 'finding')}${input.options.incomplete ? ' (INCOMPLETE: part of the scope could not be read)' : ''}`)
      : input.options.incomplete ? style.red('INCOMPLETE: 0 findings in what could be read') : style.green('no findings');
  return `${verdict} · ${parts.join(' · ')}`;
}
