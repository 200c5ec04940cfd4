import { describe, expect, it } from 'vitest';
import { secretOf } from '../../src/core/secret.js';
import type { AppliedDecision, Finding, KeyType, Verification } from '../../src/core/types.js';
import { keyToCommand } from '../../src/tui/triage-keys.js';
import { age, severityRank, statusCounts } from '../../src/tui/triage-model.js';
import type { TriageItem } from '../../src/tui/triage-model.js';
import { type TriageState, decisionTargets, initialTriageState, reduceTriage, selectedItem, shownItems } from '../../src/tui/triage-state.js';

const sha = (c: string) => c.repeat(64);
const verdict = (status: Verification['status']): Verification => ({ status, permission: null, detail: 'd', checkedAt: '2026-11-27T11:00:00Z' });
function item(c: string, keyType: KeyType, over: { verification?: Verification; repos?: string[]; decision?: AppliedDecision; path?: string } = {}): TriageItem {
  const finding: Finding = {
    id: c, secretSha256: sha(c), ruleId: 'r', keyType, format: keyType === 'admin' ? 'admin' : 'project', formatName: 'f', confidence: 'high', redacted: `sk-${c}`, secret: secretOf(''),
    locations: [{ source: 'file', path: over.path ?? `${c}.env`, line: 1, column: 1, offset: 0, blobId: 'f'.repeat(40) }],
    remediation: { revokeUrl: 'https://platform.openai.com/api-keys', apiRevocation: null, steps: [] },
    ...(over.verification ? { verification: over.verification } : {}),
  };
  return { finding, repos: over.repos ?? [], decision: over.decision ?? null };
}
const decided = (kind: AppliedDecision['kind'], state: AppliedDecision['state'] = 'active'): AppliedDecision => ({ kind, reason: 'r', by: 'b', at: '2026-11-27T00:00:00Z', until: null, path: null, state });
const ITEMS = [
  item('a', 'project'),
  item('b', 'project', { verification: verdict('live'), repos: ['r1'] }),
  item('c', 'admin', { verification: verdict('live'), repos: ['r2'] }),
  item('d', 'project', { verification: verdict('revoked'), decision: decided('revoked') }),
  item('e', 'admin', { verification: verdict('unknown'), decision: decided('accepted-risk', 'expired'), path: 'tests/e.env' }),
];
const start = (rows = 24) => initialTriageState(ITEMS, { columns: 80, rows });
const order = (s: TriageState) => shownItems(s).map((i) => i.finding.id).join('');
const run = (s: TriageState, ...actions: Parameters<typeof reduceTriage>[1][]) => actions.reduce(reduceTriage, s);

describe('triage state (pure reducer)', () => {
  it('orders by severity: live admin, live project, unknown, not verified, revoked; counts per status', () => {
    expect(order(start())).toBe('cbead');
    expect(ITEMS.map(severityRank)).toEqual([3, 1, 0, 4, 2]);
    expect(statusCounts(ITEMS)).toEqual({ live: 2, unknown: 1, 'not verified': 1, revoked: 1, open: 4, decided: 1 });
    expect(start().cursor).toBe(sha('c'));
  });

  it('move and page keep the cursor on a shown row, clamped at both ends', () => {
    const s = start(8);
    expect(run(s, { type: 'move', by: 1 }).cursor).toBe(sha('b'));
    expect(run(s, { type: 'move', by: -1 }).cursor).toBe(sha('c'));
    expect(run(s, { type: 'move', by: 99 }).cursor).toBe(sha('d'));
    expect(run(s, { type: 'page', by: 1 }).cursor).toBe(sha('e'));
    expect(run(s, { type: 'page', by: 1 }, { type: 'page', by: -1 }).cursor).toBe(sha('c'));
  });

  it('open, back and help switch views; back from the filter clears it', () => {
    const s = run(start(), { type: 'open' });
    expect(s.view).toEqual({ kind: 'detail' });
    expect(run(s, { type: 'help' }).view).toEqual({ kind: 'help', back: 'detail' });
    expect(run(s, { type: 'help' }, { type: 'back' }).view).toEqual({ kind: 'detail' });
    expect(run(s, { type: 'back' }).view).toEqual({ kind: 'list' });
    const filtered = run(start(), { type: 'filter-start' }, { type: 'filter-edit', text: 'tests/' });
    expect(order(filtered)).toBe('e');
    expect(filtered.cursor).toBe(sha('e'));
    expect(order(run(filtered, { type: 'filter-apply' }))).toBe('e');
    expect(order(run(filtered, { type: 'back' }))).toBe('cbead');
  });

  it('type, status and repository filters cycle; the cursor follows to a shown row', () => {
    const admin = run(start(), { type: 'cycle-type' });
    expect(admin.filter.type).toBe('admin');
    expect(order(admin)).toBe('ce');
    expect(order(run(admin, { type: 'cycle-type' }))).toBe('bad');
    expect(run(admin, { type: 'cycle-type' }, { type: 'cycle-type' }).filter.type).toBe('all');
    const open = run(start(), { type: 'cycle-status' });
    expect([open.filter.status, order(open)]).toEqual(['open', 'cbea']);
    const decidedOnly = run(open, { type: 'cycle-status' });
    expect([decidedOnly.filter.status, order(decidedOnly), decidedOnly.cursor]).toEqual(['decided', 'd', sha('d')]);
    const live = run(decidedOnly, { type: 'cycle-status' });
    expect([live.filter.status, order(live)]).toEqual(['live', 'cb']);
    const repo = run(start(), { type: 'cycle-repo' });
    expect([repo.filter.repo, order(repo)]).toEqual(['r1', 'b']);
    expect(run(repo, { type: 'cycle-repo' }, { type: 'cycle-repo' }).filter.repo).toBeNull();
  });

  it('sorts by the next column and reverses', () => {
    const byKey = run(start(), { type: 'cycle-sort' });
    expect([byKey.sort.column, order(byKey)]).toEqual(['key', 'abcde']);
    expect(order(run(byKey, { type: 'reverse-sort' }))).toBe('edcba');
    const byTriage = run(start(), ...Array.from({ length: 6 }, () => ({ type: 'cycle-sort' as const })));
    expect(byTriage.sort.column).toBe('triage');
    expect(order(byTriage)).toBe('cbaed');
  });

  it('space marks several findings; a decision then applies to all of them and clears the marks', () => {
    const s = run(start(), { type: 'toggle-mark' }, { type: 'move', by: 1 }, { type: 'toggle-mark' });
    expect(decisionTargets(s)).toEqual([sha('c'), sha('b')]);
    expect(decisionTargets(run(s, { type: 'toggle-mark' }))).toEqual([sha('c')]);
    const after = run(s, { type: 'decided', kind: 'false-positive', decisions: [sha('c'), sha('b')].map((x) => ({ sha256: x, decision: decided('false-positive') })), message: 'saved' });
    expect(after.marked).toEqual([]);
    expect(after.items.filter((i) => i.decision?.kind === 'false-positive').map((i) => i.finding.id).sort()).toEqual(['b', 'c']);
    expect(after.undo).toEqual([{ kind: 'false-positive', previous: [{ sha256: sha('b'), decision: null }, { sha256: sha('c'), decision: null }] }]);
    // u takes the entry off the stack at once (a second u reaches the decision before it); a failed undo puts it back.
    const undoing = run(after, { type: 'undo-started' });
    expect(undoing.undo).toEqual([]);
    expect(run(undoing, { type: 'undo-failed', entry: after.undo[0]!, message: 'no' }).undo).toEqual(after.undo);
    const undone = run(undoing, { type: 'undone', restored: after.undo[0]!.previous, message: 'undone' });
    expect(undone.items.every((i) => i.finding.id === 'd' || i.finding.id === 'e' || i.decision === null)).toBe(true);
    expect(undone.undo).toEqual([]);
  });

  it('the accepted-risk prompt asks for a reason, then an end date, and can be cancelled', () => {
    const s = run(start(), { type: 'accept-start', targets: [sha('c')] });
    expect(s.view.kind).toBe('accept');
    expect(run(s, { type: 'accept-next' }).message).toBe('an accepted risk needs a reason');
    const reasoned = run(s, { type: 'accept-edit', text: 'vendor demo' }, { type: 'accept-next' }, { type: 'accept-edit', text: '2027-01-31' });
    expect(reasoned.view).toMatchObject({ kind: 'accept', prompt: { step: 'until', reason: 'vendor demo', until: '2027-01-31', targets: [sha('c')] } });
    expect(run(reasoned, { type: 'back' }).view).toEqual({ kind: 'list' });
    expect(run(start(), { type: 'accept-start', targets: [] }).view).toEqual({ kind: 'list' });
  });

  it('verification shows a spinner while it runs and updates the verdict in place', () => {
    const s = run(start(), { type: 'verify-started', sha256s: [sha('a')] });
    expect(s.verifying).toEqual([sha('a')]);
    const done = run(s, { type: 'verified', results: [{ sha256: sha('a'), verification: verdict('live') }] });
    expect(done.verifying).toEqual([]);
    expect(done.items.find((i) => i.finding.id === 'a')!.finding.verification?.status).toBe('live');
    expect(order(done)).toBe('cabed');
    expect(run(s, { type: 'verify-failed', sha256s: [sha('a')], message: 'no key' })).toMatchObject({ verifying: [], message: 'no key' });
  });

  it('resize keeps the state and the cursor; reveal works only in the detail view', () => {
    const s = run(start(), { type: 'move', by: 2 }, { type: 'resize', columns: 120, rows: 40 });
    expect([s.size, s.cursor]).toEqual([{ columns: 120, rows: 40 }, sha('e')]);
    expect(run(s, { type: 'reveal' }).revealed).toBe(false);
    expect(run(s, { type: 'open' }, { type: 'reveal' }).revealed).toBe(true);
    expect(run(s, { type: 'open' }, { type: 'reveal' }, { type: 'move', by: 1 }).revealed).toBe(false);
    // A filter or resize that moves the cursor to another finding hides the key as well.
    const shown = run(start(), { type: 'open' }, { type: 'reveal' });
    expect(shown.revealed).toBe(true);
    expect(run(shown, { type: 'cycle-type' }, { type: 'cycle-type' }).revealed).toBe(false);
    expect(run(shown, { type: 'resize', columns: 80, rows: 30 }).revealed).toBe(true);
    expect(run(s, { type: 'message', text: 'hi' }).message).toBe('hi');
    expect(selectedItem(s)?.finding.id).toBe('e');
  });

  it('keys map to actions and effects; x needs --show-secrets; prompts take only printable text', () => {
    const s = start();
    const opts = { showSecrets: false, today: '2026-11-27' };
    expect(keyToCommand(s, 'j', {}, opts)).toEqual({ action: { type: 'move', by: 1 } });
    expect(keyToCommand(s, '', { upArrow: true }, opts)).toEqual({ action: { type: 'move', by: -1 } });
    expect(keyToCommand(s, 'f', {}, opts)).toEqual({ effect: { kind: 'decide', decision: 'false-positive', sha256s: [sha('c')], reason: 'marked a false positive in triage', until: null } });
    expect(keyToCommand(s, 'v', {}, opts)).toEqual({ effect: { kind: 'verify', sha256s: [sha('c')] } });
    expect(keyToCommand(s, 'o', {}, opts)).toEqual({ effect: { kind: 'open-page', url: 'https://platform.openai.com/api-keys' } });
    expect(keyToCommand(s, 'u', {}, opts)).toEqual({ action: { type: 'message', text: 'nothing to undo' } });
    const withUndo = { ...s, undo: [{ kind: 'revoked' as const, previous: [] }] };
    expect(keyToCommand(withUndo, 'u', {}, opts)).toEqual({ action: { type: 'undo-started' }, effect: { kind: 'undo', entry: withUndo.undo[0] } });
    expect(keyToCommand(s, 'q', {}, opts)).toEqual({ effect: { kind: 'quit' } });
    const detail = run(s, { type: 'open' });
    expect(keyToCommand(detail, 'x', {}, opts).action).toEqual({ type: 'message', text: 'full keys are shown only when triage is started with --show-secrets' });
    expect(keyToCommand(detail, 'x', {}, { ...opts, showSecrets: true }).action).toEqual({ type: 'reveal' });
    const prompt = run(s, { type: 'accept-start', targets: [sha('c')] }, { type: 'accept-edit', text: 'ok' }, { type: 'accept-next' });
    expect(keyToCommand(prompt, '\u001b[31m', {}, opts)).toEqual({});
    expect(keyToCommand(prompt, 'x', { return: true }, opts)).toEqual({ effect: { kind: 'decide', decision: 'accepted-risk', sha256s: [sha('c')], reason: 'ok', until: null } });
    const dated = run(prompt, { type: 'accept-edit', text: '2026-11-01' });
    expect(keyToCommand(dated, '', { return: true }, opts)).toEqual({ action: { type: 'message', text: 'end date 2026-11-01 has already passed' } });
    expect(keyToCommand(run(prompt, { type: 'accept-edit', text: 'soon' }), '', { return: true }, opts).action).toEqual({ type: 'message', text: 'end date: YYYY-MM-DD, or empty for none' });
    expect(keyToCommand(run(prompt, { type: 'accept-edit', text: '2027-02-01' }), '', { return: true }, opts).effect).toMatchObject({ until: '2027-02-01' });
    expect(age('2026-11-27T11:00:00Z', Date.parse('2026-11-29T12:00:00Z'))).toBe('2d');
  });
});
