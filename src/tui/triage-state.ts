import type { AppliedDecision, DecisionKind, Verification } from '../core/types.js';
import { type Filter, SORT_COLUMNS, STATUS_FILTERS, type SortColumn, TYPE_FILTERS, type TriageItem, visibleItems } from './triage-model.js';

/** Entering an accepted risk: its reason, then an optional last day. */
export type AcceptPrompt = { step: 'reason' | 'until'; reason: string; until: string; targets: string[] };

export type View =
  | { kind: 'list' }
  | { kind: 'detail' }
  | { kind: 'help'; back: 'list' | 'detail' }
  | { kind: 'filter'; text: string }
  | { kind: 'accept'; prompt: AcceptPrompt; back: 'list' | 'detail' };

/** What one decision replaced, per key, so `u` can put it back. */
export type UndoEntry = { kind: DecisionKind; previous: Array<{ sha256: string; decision: AppliedDecision | null }> };

export type TriageState = {
  items: TriageItem[];
  /** The finding under the cursor, by its key's SHA-256 (stable while rows move). */
  cursor: string | null;
  /** Findings marked with space: one decision applies to all of them. */
  marked: string[];
  filter: Filter;
  sort: { column: SortColumn; descending: boolean };
  view: View;
  size: { columns: number; rows: number };
  /** Keys being verified now (a spinner shows beside them). */
  verifying: string[];
  message: string | null;
  undo: UndoEntry[];
  /** The full key is shown in the detail view (only when the session allows it and the user asked). */
  revealed: boolean;
};

export type TriageAction =
  | { type: 'move'; by: number }
  | { type: 'page'; by: number }
  | { type: 'open' }
  | { type: 'back' }
  | { type: 'help' }
  | { type: 'toggle-mark' }
  | { type: 'cycle-type' }
  | { type: 'cycle-status' }
  | { type: 'cycle-repo' }
  | { type: 'cycle-sort' }
  | { type: 'reverse-sort' }
  | { type: 'filter-start' }
  | { type: 'filter-edit'; text: string }
  | { type: 'filter-apply' }
  | { type: 'accept-start'; targets: string[] }
  | { type: 'accept-edit'; text: string }
  | { type: 'accept-next' }
  | { type: 'resize'; columns: number; rows: number }
  | { type: 'verify-started'; sha256s: string[] }
  | { type: 'verified'; results: Array<{ sha256: string; verification: Verification }> }
  | { type: 'verify-failed'; sha256s: string[]; message: string }
  | { type: 'decided'; kind: DecisionKind; decisions: Array<{ sha256: string; decision: AppliedDecision }>; message: string }
  | { type: 'undo-started' }
  | { type: 'undone'; restored: Array<{ sha256: string; decision: AppliedDecision | null }>; message: string }
  | { type: 'undo-failed'; entry: UndoEntry; message: string }
  | { type: 'reveal' }
  | { type: 'message'; text: string | null };

export function initialTriageState(items: TriageItem[], size: { columns: number; rows: number }): TriageState {
  const state: TriageState = {
    items,
    cursor: null,
    marked: [],
    filter: { type: 'all', status: 'all', repo: null, text: '' },
    sort: { column: 'severity', descending: false },
    view: { kind: 'list' },
    size,
    verifying: [],
    message: null,
    undo: [],
    revealed: false,
  };
  return withCursorInView(state);
}

/** The rows as shown now. */
export function shownItems(state: TriageState): TriageItem[] {
  return visibleItems(state.items, state.filter, state.sort);
}

export function selectedItem(state: TriageState): TriageItem | null {
  return state.items.find((i) => i.finding.secretSha256 === state.cursor) ?? null;
}

/** The keys a decision applies to: the marked ones, else the one under the cursor. */
export function decisionTargets(state: TriageState): string[] {
  if (state.marked.length > 0) return state.marked;
  return state.cursor ? [state.cursor] : [];
}

export function reduceTriage(state: TriageState, action: TriageAction): TriageState {
  const next = reduce(state, action);
  // A full key shown for one finding is never shown for another: moving the cursor, by any means, hides it.
  return next.cursor !== state.cursor && next.revealed ? { ...next, revealed: false } : next;
}

function reduce(state: TriageState, action: TriageAction): TriageState {
  switch (action.type) {
    case 'move':
    case 'page': {
      const rows = shownItems(state);
      if (rows.length === 0) return state;
      const at = Math.max(0, rows.findIndex((r) => r.finding.secretSha256 === state.cursor));
      const step = action.type === 'page' ? action.by * Math.max(1, listHeight(state.size.rows)) : action.by;
      const next = Math.min(rows.length - 1, Math.max(0, at + step));
      return { ...state, cursor: rows[next]!.finding.secretSha256, revealed: false };
    }
    case 'open':
      return state.cursor && state.view.kind === 'list' ? { ...state, view: { kind: 'detail' }, revealed: false } : state;
    case 'back':
      if (state.view.kind === 'help') return { ...state, view: { kind: state.view.back } };
      if (state.view.kind === 'accept') return { ...state, view: { kind: state.view.back }, message: 'accepted risk: cancelled' };
      if (state.view.kind === 'filter') return withCursorInView({ ...state, view: { kind: 'list' }, filter: { ...state.filter, text: '' } });
      return { ...state, view: { kind: 'list' }, revealed: false };
    case 'help':
      return { ...state, view: { kind: 'help', back: state.view.kind === 'detail' ? 'detail' : 'list' } };
    case 'toggle-mark': {
      if (!state.cursor) return state;
      const marked = state.marked.includes(state.cursor) ? state.marked.filter((s) => s !== state.cursor) : [...state.marked, state.cursor];
      return { ...state, marked };
    }
    case 'cycle-type':
      return withCursorInView({ ...state, filter: { ...state.filter, type: nextOf(TYPE_FILTERS, state.filter.type) } });
    case 'cycle-status':
      return withCursorInView({ ...state, filter: { ...state.filter, status: nextOf(STATUS_FILTERS, state.filter.status) } });
    case 'cycle-repo': {
      const repos = [null, ...[...new Set(state.items.flatMap((i) => i.repos))].sort()];
      return withCursorInView({ ...state, filter: { ...state.filter, repo: nextOf(repos, state.filter.repo) } });
    }
    case 'cycle-sort':
      return { ...state, sort: { column: nextOf(SORT_COLUMNS, state.sort.column), descending: false } };
    case 'reverse-sort':
      return { ...state, sort: { ...state.sort, descending: !state.sort.descending } };
    case 'filter-start':
      return { ...state, view: { kind: 'filter', text: state.filter.text } };
    case 'filter-edit':
      return state.view.kind === 'filter' ? withCursorInView({ ...state, view: { kind: 'filter', text: action.text }, filter: { ...state.filter, text: action.text } }) : state;
    case 'filter-apply':
      return { ...state, view: { kind: 'list' } };
    case 'accept-start':
      if (action.targets.length === 0) return state;
      return { ...state, view: { kind: 'accept', prompt: { step: 'reason', reason: '', until: '', targets: action.targets }, back: state.view.kind === 'detail' ? 'detail' : 'list' } };
    case 'accept-edit': {
      if (state.view.kind !== 'accept') return state;
      const prompt = state.view.prompt.step === 'reason' ? { ...state.view.prompt, reason: action.text } : { ...state.view.prompt, until: action.text };
      return { ...state, view: { ...state.view, prompt } };
    }
    case 'accept-next':
      if (state.view.kind !== 'accept' || state.view.prompt.step !== 'reason') return state;
      if (state.view.prompt.reason.trim() === '') return { ...state, message: 'an accepted risk needs a reason' };
      return { ...state, view: { ...state.view, prompt: { ...state.view.prompt, step: 'until' } }, message: null };
    case 'resize':
      return withCursorInView({ ...state, size: { columns: action.columns, rows: action.rows } });
    case 'verify-started':
      return { ...state, verifying: [...new Set([...state.verifying, ...action.sha256s])], message: `verifying ${action.sha256s.length} key(s)…` };
    case 'verified': {
      const bySha = new Map(action.results.map((r) => [r.sha256, r.verification]));
      const items = state.items.map((i) => (bySha.has(i.finding.secretSha256) ? { ...i, finding: { ...i.finding, verification: bySha.get(i.finding.secretSha256)! } } : i));
      const done = new Set(action.results.map((r) => r.sha256));
      return { ...state, items, verifying: state.verifying.filter((s) => !done.has(s)), message: action.results.map((r) => `${r.verification.status}`).join(', ') || null };
    }
    case 'verify-failed': {
      const failed = new Set(action.sha256s);
      return { ...state, verifying: state.verifying.filter((s) => !failed.has(s)), message: action.message };
    }
    case 'decided': {
      const bySha = new Map(action.decisions.map((d) => [d.sha256, d.decision]));
      const previous = state.items.filter((i) => bySha.has(i.finding.secretSha256)).map((i) => ({ sha256: i.finding.secretSha256, decision: i.decision }));
      const items = state.items.map((i) => (bySha.has(i.finding.secretSha256) ? { ...i, decision: bySha.get(i.finding.secretSha256)! } : i));
      const view = state.view.kind === 'accept' ? { kind: state.view.back } : state.view;
      return { ...state, items, marked: [], view: view as View, undo: [...state.undo, { kind: action.kind, previous }], message: action.message };
    }
    case 'undo-started':
      // Taken off the stack at once, so a second u undoes the decision before it, not the same one again.
      return { ...state, undo: state.undo.slice(0, -1), message: 'undoing…' };
    case 'undone': {
      const bySha = new Map(action.restored.map((d) => [d.sha256, d.decision]));
      const items = state.items.map((i) => (bySha.has(i.finding.secretSha256) ? { ...i, decision: bySha.get(i.finding.secretSha256)! } : i));
      return { ...state, items, message: action.message };
    }
    case 'undo-failed':
      return { ...state, undo: [...state.undo, action.entry], message: action.message };
    case 'reveal':
      return state.view.kind === 'detail' ? { ...state, revealed: !state.revealed } : state;
    case 'message':
      return { ...state, message: action.text };
  }
}

/** Rows of the list that fit: the terminal minus the header (2 lines), column titles, status and footer (2). */
export function listHeight(rows: number): number {
  return Math.max(1, rows - 6);
}

/** Keeps the cursor on a shown row: the same finding if it is still shown, else the first row. */
function withCursorInView(state: TriageState): TriageState {
  const rows = shownItems(state);
  if (rows.some((r) => r.finding.secretSha256 === state.cursor)) return state;
  return { ...state, cursor: rows[0]?.finding.secretSha256 ?? null };
}

function nextOf<T>(list: readonly T[], current: T): T {
  return list[(list.indexOf(current) + 1) % list.length]!;
}
