import { Box, Text } from 'ink';
import { createElement as h } from 'react';
import { withoutKeys } from '../app/decision-text.js';
import { printable } from '../report/printable.js';
import { KEY_HELP } from './triage-keys.js';
import type { TriageState } from './triage-state.js';

/** The footer: the message of the last action, then the keys of the current view. */
export function TriageFooter({ state }: { state: TriageState }) {
  const view = state.view;
  const keys =
    view.kind === 'filter'
      ? `filter: ${printable(withoutKeys(view.text))}▏  Enter keep · Esc clear`
      : view.kind === 'accept'
        ? view.prompt.step === 'reason'
          ? `accepted risk for ${view.prompt.targets.length} key(s), reason: ${printable(withoutKeys(view.prompt.reason))}▏  Enter next · Esc cancel`
          : `last day (YYYY-MM-DD, empty for none): ${printable(view.prompt.until)}▏  Enter save · Esc cancel`
        : view.kind === 'detail'
          ? 'Esc back · v verify · f/t/a/r decide · u undo · o revoke page · x full key · ? help · q quit'
          : `j/k move · Enter open · space mark${state.marked.length ? ` (${state.marked.length})` : ''} · v verify · f/t/a/r decide · u undo · / filter · ? help · q quit`;
  return h(Box, { flexDirection: 'column' }, h(Text, { wrap: 'truncate', color: 'yellow' }, state.message ? printable(state.message) : ' '), h(Text, { wrap: 'truncate', dimColor: view.kind !== 'filter' && view.kind !== 'accept' }, keys));
}

/** Every key, as `?` shows it (the same table --help prints). */
export function TriageHelp({ height }: { height: number }) {
  return h(
    Box,
    { flexDirection: 'column', height },
    h(Text, { bold: true }, 'keys'),
    ...KEY_HELP.map(([key, what]) => h(Text, { key, wrap: 'truncate' }, `  ${key.padEnd(11)} ${what}`)),
  );
}
