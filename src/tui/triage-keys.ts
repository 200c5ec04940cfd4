import { isCalendarDate } from '../core/calendar-date.js';
import type { DecisionKind } from '../core/types.js';
import { type TriageAction, type TriageState, type UndoEntry, decisionTargets, selectedItem } from './triage-state.js';

/** The keys Ink reports (a subset of its Key type, so tests can build them). */
export type KeyInfo = Partial<Record<'upArrow' | 'downArrow' | 'pageUp' | 'pageDown' | 'return' | 'escape' | 'backspace' | 'delete' | 'ctrl' | 'tab', boolean>>;

/** Work the UI asks of the outside world; the app runs it and dispatches what comes back. */
export type TriageEffect =
  | { kind: 'verify'; sha256s: string[] }
  | { kind: 'decide'; decision: DecisionKind; sha256s: string[]; reason: string; until: string | null }
  | { kind: 'undo'; entry: UndoEntry }
  | { kind: 'open-page'; url: string }
  | { kind: 'quit' };

export type KeyResult = { action?: TriageAction; effect?: TriageEffect };

/** What each key does, in one place: the footer and --help describe the same keys. */
export const KEY_HELP: ReadonlyArray<[string, string]> = [
  ['j/k ↑/↓', 'move'],
  ['PgUp/PgDn', 'page'],
  ['Enter', 'open a finding'],
  ['Esc', 'back'],
  ['space', 'mark several'],
  ['v', 'verify now'],
  ['f', 'false positive'],
  ['t', 'used in tests'],
  ['a', 'accepted risk (reason, optional end date)'],
  ['r', 'revoked (checked first when it can be)'],
  ['u', 'undo the last decision'],
  ['o', 'revocation page'],
  ['/', 'filter by text'],
  ['T S P', 'filter: type, status, repository'],
  ['s / R', 'sort by the next column / reverse'],
  ['x', 'show the full key (detail view, --show-secrets only)'],
  ['?', 'help'],
  ['q', 'quit'],
];

/** Maps one key press to a state change and/or an effect. Pure: tested without a terminal. */
export function keyToCommand(state: TriageState, input: string, key: KeyInfo, options: { showSecrets: boolean; today: string }): KeyResult {
  const view = state.view;
  if (view.kind === 'filter') {
    if (key.escape) return { action: { type: 'back' } };
    if (key.return) return { action: { type: 'filter-apply' } };
    if (key.backspace || key.delete) return { action: { type: 'filter-edit', text: view.text.slice(0, -1) } };
    return printableInput(input) ? { action: { type: 'filter-edit', text: view.text + input } } : {};
  }
  if (view.kind === 'accept') {
    const { prompt } = view;
    const text = prompt.step === 'reason' ? prompt.reason : prompt.until;
    if (key.escape) return { action: { type: 'back' } };
    if (key.backspace || key.delete) return { action: { type: 'accept-edit', text: text.slice(0, -1) } };
    if (key.return) {
      if (prompt.step === 'reason') return { action: { type: 'accept-next' } };
      const until = prompt.until.trim();
      if (until !== '' && !isCalendarDate(until)) return { action: { type: 'message', text: 'end date: YYYY-MM-DD, or empty for none' } };
      if (until !== '' && until < options.today) return { action: { type: 'message', text: `end date ${until} has already passed` } };
      return { effect: { kind: 'decide', decision: 'accepted-risk', sha256s: prompt.targets, reason: prompt.reason.trim(), until: until === '' ? null : until } };
    }
    return printableInput(input) ? { action: { type: 'accept-edit', text: text + input } } : {};
  }
  if (view.kind === 'help') return key.escape || input === '?' || input === 'q' ? { action: { type: 'back' } } : {};
  if (input === 'q') return { effect: { kind: 'quit' } };
  if (key.escape) return { action: { type: 'back' } };
  if (input === 'j' || key.downArrow) return { action: { type: 'move', by: 1 } };
  if (input === 'k' || key.upArrow) return { action: { type: 'move', by: -1 } };
  if (key.pageDown) return { action: { type: 'page', by: 1 } };
  if (key.pageUp) return { action: { type: 'page', by: -1 } };
  if (key.return) return { action: { type: 'open' } };
  if (input === '?') return { action: { type: 'help' } };
  if (input === ' ') return { action: { type: 'toggle-mark' } };
  if (input === '/') return { action: { type: 'filter-start' } };
  if (input === 'T') return { action: { type: 'cycle-type' } };
  if (input === 'S') return { action: { type: 'cycle-status' } };
  if (input === 'P') return { action: { type: 'cycle-repo' } };
  if (input === 's') return { action: { type: 'cycle-sort' } };
  if (input === 'R') return { action: { type: 'reverse-sort' } };
  const targets = decisionTargets(state);
  if (input === 'v') return targets.length > 0 ? { effect: { kind: 'verify', sha256s: targets } } : {};
  if (input === 'f') return decide(targets, 'false-positive', 'marked a false positive in triage');
  if (input === 't') return decide(targets, 'used-in-tests', 'marked used in tests in triage');
  if (input === 'r') return decide(targets, 'revoked', 'marked revoked in triage');
  if (input === 'a') return { action: { type: 'accept-start', targets } };
  if (input === 'u') {
    const entry = state.undo[state.undo.length - 1];
    return entry ? { action: { type: 'undo-started' }, effect: { kind: 'undo', entry } } : { action: { type: 'message', text: 'nothing to undo' } };
  }
  if (input === 'o') {
    const item = selectedItem(state);
    return item ? { effect: { kind: 'open-page', url: item.finding.remediation.revokeUrl } } : {};
  }
  if (input === 'x') {
    if (view.kind !== 'detail') return {};
    return options.showSecrets ? { action: { type: 'reveal' } } : { action: { type: 'message', text: 'full keys are shown only when triage is started with --show-secrets' } };
  }
  return {};
}

function decide(sha256s: string[], decision: DecisionKind, reason: string): KeyResult {
  return sha256s.length > 0 ? { effect: { kind: 'decide', decision, sha256s, reason, until: null } } : {};
}

/** Typed text for a prompt: printable characters only (no escape sequences into a reason or a filter). */
function printableInput(input: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  return input.length > 0 && !/[\u0000-\u001f\u007f-\u009f]/.test(input);
}
