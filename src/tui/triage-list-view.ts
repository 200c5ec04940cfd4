import { Box, Text } from 'ink';
import { createElement as h } from 'react';
import { printable } from '../report/printable.js';
import { type TriageItem, age, statusCounts, triageLabel, verifyLabel } from './triage-model.js';
import { type TriageState, listHeight, shownItems } from './triage-state.js';

const pad = (text: string, width: number) => (text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text.padEnd(width));

/** The header: what is being triaged, counts per status, and the filter and sort in force. */
export function TriageHeader({ state, title }: { state: TriageState; title: string }) {
  const c = statusCounts(state.items);
  const f = state.filter;
  const filters = [f.type !== 'all' ? `type ${f.type}` : '', f.status !== 'all' ? `status ${f.status}` : '', f.repo !== null ? `repo ${printable(f.repo)}` : '', f.text ? `text "${printable(f.text)}"` : ''].filter(Boolean);
  return h(
    Box,
    { flexDirection: 'column' },
    h(Text, { bold: true, wrap: 'truncate' }, `keysweep triage · ${printable(title)} · ${state.items.length} keys`),
    h(
      Text,
      { wrap: 'truncate' },
      h(Text, { color: 'red' }, `live ${c.live}`),
      ` · unknown ${c.unknown} · not verified ${c['not verified']} · revoked ${c.revoked} · open ${c.open} · decided ${c.decided}`,
      h(Text, { dimColor: true }, `  sort ${state.sort.column}${state.sort.descending ? ' ↑' : ''}${filters.length ? ` · ${filters.join(', ')}` : ''}`),
    ),
  );
}

/** The list: one row per finding, in the order shown, scrolled so the cursor is always in view. */
export function TriageList({ state, now, spinner = '…' }: { state: TriageState; now: number; spinner?: string }) {
  const rows = shownItems(state);
  const height = listHeight(state.size.rows);
  const at = Math.max(0, rows.findIndex((r) => r.finding.secretSha256 === state.cursor));
  const start = Math.min(Math.max(0, at - Math.floor(height / 2)), Math.max(0, rows.length - height));
  const width = Math.max(40, state.size.columns);
  const showRepo = rows.some((r) => r.repos.length > 0) && width >= 90;
  const title = `  ${pad('verified', 12)} ${pad('type', 24)} ${pad('key', 22)} ${pad('locs', 4)} ${pad('triage', 14)}${showRepo ? ' repository' : ''}`;
  if (rows.length === 0) return h(Box, { flexDirection: 'column', height: height + 1 }, h(Text, { dimColor: true }, title), h(Text, null, state.items.length === 0 ? 'No findings.' : 'No finding matches the filter.'));
  return h(
    Box,
    { flexDirection: 'column', height: height + 1 },
    h(Text, { dimColor: true, wrap: 'truncate' }, title),
    ...rows.slice(start, start + height).map((item) => h(Row, { key: item.finding.secretSha256, item, state, now, showRepo, spinner })),
  );
}

function Row({ item, state, now, showRepo, spinner }: { item: TriageItem; state: TriageState; now: number; showRepo: boolean; spinner: string }) {
  const sha = item.finding.secretSha256;
  const selected = sha === state.cursor;
  const marked = state.marked.includes(sha);
  const v = item.finding.verification;
  const verifying = state.verifying.includes(sha);
  const verified = verifying ? `${spinner} checking` : `${verifyLabel(item)}${v ? ` ${age(v.checkedAt, now)}` : ''}`;
  const kind = `${item.finding.keyType === 'admin' ? 'ADMIN' : 'project'} ${item.finding.format}`;
  const triage = triageLabel(item);
  const line = `${selected ? '›' : ' '}${marked ? '■' : ' '}${pad(verified, 12)} ${pad(kind, 24)} ${pad(printable(item.finding.redacted), 22)} ${pad(String(item.finding.locations.length), 4)} ${pad(triage, 14)}${showRepo ? ` ${printable(item.repos.join(', '))}` : ''}`;
  const color = verifyLabel(item) === 'live' ? 'red' : triage === 'reopened' ? 'yellow' : undefined;
  return h(Text, { wrap: 'truncate', inverse: selected, ...(color ? { color } : {}), dimColor: triage !== 'open' && triage !== 'reopened' && !selected }, line);
}
