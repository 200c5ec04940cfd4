import { Box, Text } from 'ink';
import { createElement as h } from 'react';
import { describeDecision } from '../report/describe-decision.js';
import { describeLocation } from '../report/describe-location.js';
import { printable } from '../report/printable.js';
import { type TriageItem, age, triageLabel, verifyLabel } from './triage-model.js';

export type DetailProps = {
  item: TriageItem;
  now: number;
  /** The source line around each location, the key in it redacted (null: not readable); absent while loading. */
  context: Array<string | null> | undefined;
  /** The full key, only when the session allows it and the user pressed x. */
  revealed: string | null;
  height: number;
  /** The spinner's current frame while this key is being verified, else null. */
  verifying: string | null;
};

/** One finding in full: its locations with their source lines, the verdict, the decision and how to revoke it. */
export function TriageDetail({ item, now, context, revealed, height, verifying }: DetailProps) {
  const f = item.finding;
  const v = f.verification;
  const lines: Array<{ text: string; color?: string; dim?: boolean; bold?: boolean }> = [];
  lines.push({ text: `${f.keyType === 'admin' ? 'ADMIN KEY (organisation-wide)' : 'project key'} · ${f.formatName} · ${revealed ?? printable(f.redacted)}`, bold: true, ...(f.keyType === 'admin' ? { color: 'red' } : {}) });
  lines.push({ text: `sha256 ${f.secretSha256} · id ${f.id}`, dim: true });
  if (verifying) lines.push({ text: `verification: ${verifying} checking` });
  else if (v) {
    lines.push({ text: `verification: ${v.status}${v.permission ? ` (${v.permission})` : ''}, checked ${age(v.checkedAt, now)} ago (${v.checkedAt}): ${printable(v.detail)}`, ...(v.status === 'live' ? { color: 'red' } : {}) });
    if (v.scopes) lines.push({ text: `  scopes allowed: ${printable(v.scopes.allowed.join(', ')) || 'none'}; denied: ${printable(v.scopes.denied.join(', ')) || 'none'}` });
    if (v.reach) lines.push({ text: `  admin reach: ${printable(v.reach.join(', '))}` });
  } else lines.push({ text: `verification: ${verifyLabel(item)} (press v)`, dim: true });
  lines.push({ text: `triage: ${item.decision ? describeDecision(item.decision) : triageLabel(item)}`, ...(item.decision && item.decision.state !== 'active' ? { color: 'yellow' } : {}) });
  lines.push({ text: `locations (${f.locations.length}):` });
  f.locations.forEach((location, i) => {
    const repo = location.source === 'git' ? `${printable(location.repo)}: ` : '';
    for (const [n, part] of describeLocation(location).split('\n').entries()) lines.push({ text: `  ${n === 0 ? repo : '  '}${part.trimStart()}`, ...(n > 0 ? { dim: true } : {}) });
    const source = context?.[i];
    if (context === undefined) lines.push({ text: '      …', dim: true });
    else if (source) lines.push({ text: `      │ ${printable(source)}`, color: 'cyan' });
  });
  lines.push({ text: `revoke: ${f.remediation.revokeUrl}`, bold: true });
  if (f.remediation.apiRevocation) lines.push({ text: `  admin API: ${f.remediation.apiRevocation}`, dim: true });
  for (const step of f.remediation.steps) lines.push({ text: `  - ${step}`, dim: true });
  // What does not fit is counted, never silently cut.
  const shown = lines.length > height ? [...lines.slice(0, height - 1), { text: `… ${lines.length - height + 1} more line(s): a taller terminal shows them`, dim: true }] : lines;
  return h(
    Box,
    { flexDirection: 'column', height },
    ...shown.map((line, i) => h(Text, { key: i, wrap: 'truncate', bold: line.bold === true, dimColor: line.dim === true, ...(line.color ? { color: line.color } : {}) }, line.text)),
  );
}
