import { render } from 'ink-testing-library';
import { createElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TriageEffects } from '../../src/app/triage-session.js';
import { secretOf } from '../../src/core/secret.js';
import type { AppliedDecision, Finding, Verification } from '../../src/core/types.js';
import { TriageApp } from '../../src/tui/triage-app.js';
import { keyToCommand } from '../../src/tui/triage-keys.js';
import type { TriageItem } from '../../src/tui/triage-model.js';
import { initialTriageState, reduceTriage } from '../../src/tui/triage-state.js';

const ESC = '\u001b';
const sha = (c: string) => c.repeat(64);
const verdict = (status: Verification['status'], detail = 'HTTP'): Verification => ({ status, permission: null, detail, checkedAt: '2026-11-27T11:00:00Z' });
function item(c: string, over: { redacted?: string; repos?: string[]; verification?: Verification; locations?: number; repo?: string } = {}): TriageItem {
  const finding: Finding = {
    id: c, secretSha256: sha(c), ruleId: 'r', keyType: 'project', format: 'project', formatName: 'project key format', confidence: 'high', redacted: over.redacted ?? `sk-proj-${c.toUpperCase().repeat(4)}…${c.repeat(4)}`, secret: secretOf(''),
    locations: Array.from({ length: over.locations ?? 1 }, (_, i) =>
      over.repo
        ? { source: 'git' as const, objectType: 'blob' as const, repo: over.repo, path: `${c}${i}.env`, line: 1, column: 1, offset: 0, blobId: 'f'.repeat(40), inHead: true, introduced: null, unreachable: false }
        : { source: 'file' as const, path: `${c}${i}.env`, line: 1, column: 1, offset: 0, blobId: 'f'.repeat(40) },
    ),
    remediation: { revokeUrl: 'https://platform.openai.com/api-keys', apiRevocation: null, steps: [] },
    ...(over.verification ? { verification: over.verification } : {}),
  };
  return { finding, repos: over.repos ?? [], decision: null };
}
const applied = (kind: AppliedDecision['kind'], over: Partial<AppliedDecision> = {}): AppliedDecision => ({ kind, reason: 'r', by: 'T', at: '2026-11-27T12:00:00.000Z', until: null, path: null, state: 'active', ...over });

function effectsWith(over: Partial<TriageEffects> = {}) {
  const calls: Array<{ kind: string; args: unknown }> = [];
  const effects: TriageEffects = {
    verify: async (findings) => (calls.push({ kind: 'verify', args: findings.map((f) => f.secretSha256) }), findings.map((f) => ({ sha256: f.secretSha256, verification: verdict('revoked') }))),
    decide: async (r) => (calls.push({ kind: 'decide', args: r }), r.sha256s.map((s) => ({ sha256: s, decision: applied(r.kind, { reason: r.reason }) }))),
    restore: async (previous) => void calls.push({ kind: 'restore', args: previous }),
    context: async (f) => f.locations.map(() => `A=${ESC}]0;pwn\u0007 \u202e`),
    openPage: async (url) => url,
    reveal: async () => 'FULL-KEY-SHOWN',
    ...over,
  };
  return { effects, calls };
}

const mounted: Array<{ unmount: () => void }> = [];
afterEach(() => mounted.splice(0).forEach((m) => m.unmount()));
async function open(items: TriageItem[], effects: TriageEffects, showSecrets = false) {
  const app = render(createElement(TriageApp, { title: `t${ESC}[2J`, items, effects, showSecrets, clock: () => Date.parse('2026-11-27T12:00:00Z'), size: { columns: 120, rows: 30 } }));
  mounted.push(app);
  const press = async (...keys: string[]) => {
    for (const key of keys) {
      app.stdin.write(key);
      await new Promise((r) => setTimeout(r, 40));
    }
  };
  await vi.waitFor(() => expect(app.lastFrame()).toContain('keysweep triage'));
  return { press, frame: () => app.lastFrame() ?? '' };
}

describe('triage keeps hostile text and full keys off the screen, and its undo and errors honest', () => {
  it('escapes and bidi controls in every field shown come out as visible text, never as raw control characters', async () => {
    const hostile = item('a', { redacted: `sk-proj-${ESC}[41m`, repos: [`r${ESC}[2J`], verification: verdict('live', `denied ${ESC}]52;c;x\u0007`), repo: `repo${ESC}[31m` });
    const { press, frame } = await open([hostile], effectsWith().effects);
    await press('P');
    await vi.waitFor(() => expect(frame()).toContain('repo r'));
    expect(frame()).not.toMatch(/[\u001b\u0007\u202e]/);
    await press('\r');
    await vi.waitFor(() => expect(frame()).toContain('│ A='));
    expect(frame()).not.toMatch(/[\u001b\u0007\u202e]/);
    expect(frame()).toContain('denied');
  });

  it('with --show-secrets a key is shown only while x holds it: x again, Esc or moving hides it', async () => {
    const { press, frame } = await open([item('a'), item('b')], effectsWith().effects, true);
    await press('\r', 'x');
    await vi.waitFor(() => expect(frame()).toContain('FULL-KEY-SHOWN'));
    await press('x');
    await vi.waitFor(() => expect(frame()).not.toContain('FULL-KEY-SHOWN'));
    await press('x', '\u001b', '\r');
    await vi.waitFor(() => expect(frame()).toContain('project key ·'));
    expect(frame()).not.toContain('FULL-KEY-SHOWN');
  });

  it('u undoes the latest decision first, then the one before it', async () => {
    const { effects, calls } = effectsWith();
    const { press } = await open([item('a'), item('b')], effects);
    await press('f', 'j', 't');
    await vi.waitFor(() => expect(calls.filter((c) => c.kind === 'decide')).toHaveLength(2));
    await press('u', 'u');
    await vi.waitFor(() => expect(calls.filter((c) => c.kind === 'restore')).toHaveLength(2));
    expect(calls.filter((c) => c.kind === 'restore').map((c) => c.args)).toEqual([[{ sha256: sha('b'), decision: null }], [{ sha256: sha('a'), decision: null }]]);
  });

  it('a save or undo that fails says so and changes nothing on screen; r says when not every key was confirmed', async () => {
    const failing = effectsWith({ decide: async () => Promise.reject(new Error('disk full')), restore: async () => Promise.reject(new Error('read-only')) });
    const first = await open([item('a')], failing.effects);
    await first.press('f');
    await vi.waitFor(() => expect(first.frame()).toContain('not saved: disk full'));
    expect(first.frame()).toContain('open 1 · decided 0');
    const partial = effectsWith({ verify: async (findings) => [{ sha256: findings[0]!.secretSha256, verification: verdict('revoked') }] });
    const second = await open([item('a'), item('b')], partial.effects);
    await second.press(' ', 'j', ' ', 'r');
    await vi.waitFor(() => expect(partial.calls.find((c) => c.kind === 'decide')).toBeDefined());
    expect(partial.calls.find((c) => c.kind === 'decide')!.args).toMatchObject({ reason: 'marked revoked in triage (not confirmed: 1 key(s) could not be checked)' });
    await second.press('u');
    await vi.waitFor(() => expect(partial.calls.some((c) => c.kind === 'restore')).toBe(true));
    const throwing = effectsWith({ verify: async () => Promise.reject(new Error('offline')) });
    const third = await open([item('c')], throwing.effects);
    await third.press('r');
    await vi.waitFor(() => expect(throwing.calls.find((c) => c.kind === 'decide')?.args).toMatchObject({ kind: 'revoked', reason: 'marked revoked in triage (not confirmed: offline)' }));
    const undoFails = effectsWith({ restore: async () => Promise.reject(new Error('read-only')) });
    const fourth = await open([item('d')], undoFails.effects);
    await fourth.press('f');
    await vi.waitFor(() => expect(fourth.frame()).toContain('decided 1'));
    await fourth.press('u');
    await vi.waitFor(() => expect(fourth.frame()).toContain('undo failed, nothing changed: read-only'));
    expect(fourth.frame()).toContain('decided 1');
    const unreadable = effectsWith({ verify: async () => [] });
    const fifth = await open([item('e')], unreadable.effects);
    await fifth.press('v');
    await vi.waitFor(() => expect(fifth.frame()).toContain('1 key(s) could not be read back from their locations to check'));
    expect(fifth.frame()).not.toContain('checking');
  });

  it('marks show on their rows; sort by locations puts the most first; the text filter ignores case', async () => {
    const { press, frame } = await open([item('a', { locations: 1 }), item('b', { locations: 3 })], effectsWith().effects);
    await press(' ');
    await vi.waitFor(() => expect(frame().split('\n').find((l) => l.includes('sk-proj-AAAA'))).toMatch(/^›■/));
    await press(...Array.from({ length: 5 }, () => 's'));
    await vi.waitFor(() => expect(frame()).toContain('sort locations'));
    expect(frame().split('\n').filter((l) => l.includes('sk-proj-')).map((l) => l.match(/sk-proj-([A-Z])/)![1])).toEqual(['B', 'A']);
    await press('/', 'S', 'K', '-', 'P', 'R', 'O', 'J', '-', 'B');
    await vi.waitFor(() => expect(frame().split('\n').filter((l) => l.includes('sk-proj-')).length).toBe(1));
  });

  it('prompts take no control characters, C1 included, and the end date must be a real day', () => {
    const s = initialTriageState([item('a')], { columns: 80, rows: 24 });
    const opts = { showSecrets: false, today: '2026-11-27' };
    const filtering = reduceTriage(s, { type: 'filter-start' });
    expect(keyToCommand(filtering, `${ESC}[2J`, {}, opts)).toEqual({});
    expect(keyToCommand(filtering, '\u009b2J', {}, opts)).toEqual({});
    const prompt = reduceTriage(reduceTriage(reduceTriage(s, { type: 'accept-start', targets: [sha('a')] }), { type: 'accept-edit', text: 'r' }), { type: 'accept-next' });
    expect(keyToCommand(prompt, '\u009b2J', {}, opts)).toEqual({});
    expect(keyToCommand(reduceTriage(prompt, { type: 'accept-edit', text: '2099-02-30' }), '', { return: true }, opts)).toEqual({ action: { type: 'message', text: 'end date: YYYY-MM-DD, or empty for none' } });
  });
});
