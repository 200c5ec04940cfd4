import { render } from 'ink-testing-library';
import { createElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TriageEffects } from '../../src/app/triage-session.js';
import { secretOf } from '../../src/core/secret.js';
import type { AppliedDecision, DecisionKind, Finding, KeyType, Verification } from '../../src/core/types.js';
import { TriageApp } from '../../src/tui/triage-app.js';
import type { TriageItem } from '../../src/tui/triage-model.js';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const sha = (c: string) => c.repeat(64);
function item(c: string, keyType: KeyType, extra: { verification?: Verification; repos?: string[]; paths?: string[]; decision?: AppliedDecision } = {}): TriageItem {
  const finding: Finding = {
    id: `ks-${c.repeat(16)}`, secretSha256: sha(c), ruleId: 'r', keyType, format: keyType === 'admin' ? 'admin' : 'project', formatName: keyType === 'admin' ? 'admin key format' : 'project key format', confidence: 'high',
    redacted: `${keyType === 'admin' ? 'sk-admin-' : 'sk-proj-'}${c.toUpperCase().repeat(4)}…${c.repeat(4)}`, secret: secretOf(''),
    locations: (extra.paths ?? [`src/${c}.env`]).map((path, i) => ({ source: 'file' as const, path, line: i + 1, column: 3, offset: 2, blobId: 'f'.repeat(40) })),
    remediation: { revokeUrl: keyType === 'admin' ? 'https://platform.openai.com/settings/organization/admin-keys' : 'https://platform.openai.com/api-keys', apiRevocation: null, steps: ['step one'] },
    ...(extra.verification ? { verification: extra.verification } : {}),
  };
  return { finding, repos: extra.repos ?? [], decision: extra.decision ?? null };
}
const checked = (status: Verification['status']): Verification => ({ status, permission: status === 'live' ? 'all' : null, detail: `HTTP ${status === 'live' ? 200 : 401}`, checkedAt: '2026-11-27T11:57:00Z' });

/** Stand-in effects that record what the UI asked for (the real ones are tested against real files and servers). */
function recordingEffects(over: Partial<TriageEffects> = {}) {
  const calls: Array<{ kind: string; args: unknown }> = [];
  const effects: TriageEffects = {
    verify: async (findings) => (calls.push({ kind: 'verify', args: findings.map((f) => f.secretSha256) }), findings.map((f) => ({ sha256: f.secretSha256, verification: checked('revoked') }))),
    decide: async (request) => (calls.push({ kind: 'decide', args: request }), request.sha256s.map((s) => ({ sha256: s, decision: { kind: request.kind as DecisionKind, reason: request.reason, by: 'Tess', at: '2026-11-27T12:00:00.000Z', until: request.until, path: null, state: 'active' as const } }))),
    restore: async (previous) => void calls.push({ kind: 'restore', args: previous }),
    context: async (finding) => finding.locations.map(() => 'OPENAI_API_KEY=sk-proj-AAAA…aaaa'),
    openPage: async (url) => `revocation page: ${url}`,
    reveal: async () => null,
    ...over,
  };
  return { effects, calls };
}

const mounted: Array<{ unmount: () => void }> = [];
afterEach(() => mounted.splice(0).forEach((m) => m.unmount()));
const tick = () => new Promise((r) => setTimeout(r, 40));

async function open(items: TriageItem[], effects: TriageEffects, size = { columns: 100, rows: 24 }) {
  const app = render(createElement(TriageApp, { title: 'test', items, effects, showSecrets: false, clock: () => NOW, size }));
  mounted.push(app);
  await tick();
  const press = async (...keys: string[]) => {
    for (const key of keys) {
      app.stdin.write(key);
      await tick();
    }
  };
  return { app, press, frame: () => app.lastFrame() ?? '' };
}

describe('the triage UI (ink-testing-library)', () => {
  it('lists findings in severity order with counts, moves with j/k, and opens a finding with Enter', async () => {
    const items = [item('a', 'project'), item('b', 'project', { verification: checked('live') }), item('c', 'admin', { verification: checked('live') }), item('d', 'project', { verification: checked('revoked') }), item('e', 'admin', { verification: checked('unknown') })];
    const { press, frame } = await open(items, recordingEffects().effects);
    await vi.waitFor(() => expect(frame().split('\n').filter((l) => /sk-/.test(l)).map((r) => r.match(/sk-[a-z]+-([A-Z])/)![1])).toEqual(['C', 'B', 'E', 'A', 'D']));
    const rows = frame().split('\n').filter((l) => /sk-/.test(l));
    await vi.waitFor(() => expect(frame()).toContain('live 2 · unknown 1 · not verified 1 · revoked 1 · open 5 · decided 0'));
    await vi.waitFor(() => expect(rows[0]).toMatch(/^›/));
    await vi.waitFor(() => expect(rows[0]).toContain('live 3m'));
    await press('j');
    await vi.waitFor(() => expect(frame().split('\n').find((l) => l.startsWith('›'))).toContain('sk-proj-BBBB'));
    await press('\r');
    await vi.waitFor(() => expect(frame()).toContain('│ OPENAI_API_KEY'));
    await vi.waitFor(() => expect(frame()).toContain('project key · project key format · sk-proj-BBBB…bbbb'));
    await vi.waitFor(() => expect(frame()).toContain('src/b.env:1:3'));
    await vi.waitFor(() => expect(frame()).toContain('│ OPENAI_API_KEY=sk-proj-AAAA…aaaa'));
    await vi.waitFor(() => expect(frame()).toContain('revoke: https://platform.openai.com/api-keys'));
    await press('\u001b');
    await tick();
    await vi.waitFor(() => expect(frame()).toContain('verified     type'));
  });

  it('filters by text with /, keeps the selection in view while scrolling a long list, and survives a resize', async () => {
    const many = Array.from({ length: 40 }, (_, i) => item(String.fromCharCode(97 + (i % 26)), 'project', { paths: [`dir${i}/k.env`] })).map((it, i) => ({ ...it, finding: { ...it.finding, secretSha256: i.toString(16).padStart(64, '0'), redacted: `sk-proj-R${String(i).padStart(3, '0')}…zzzz` } }));
    const { app, press, frame } = await open(many, recordingEffects().effects, { columns: 80, rows: 24 });
    await vi.waitFor(() => expect(frame().split('\n').length).toBeLessThanOrEqual(24));
    await press(...Array.from({ length: 30 }, () => 'j'));
    await vi.waitFor(() => expect(frame().split('\n').find((l) => l.startsWith('›'))).toContain('R030'));
    await press('/', 'd', 'i', 'r', '3', '9');
    await vi.waitFor(() => expect(frame().split('\n').filter((l) => /sk-proj-R/.test(l)).map((l) => l.match(/R\d+/)![0])).toEqual(['R039']));
    await vi.waitFor(() => expect(frame()).toContain('text "dir39"'));
    // Enter keeps the filter; Esc in the filter clears it.
    await press('\r');
    await vi.waitFor(() => expect(frame().split('\n').filter((l) => /sk-proj-R/.test(l)).length).toBe(1));
    await press('/', '\u001b');
    await vi.waitFor(() => expect(frame().split('\n').filter((l) => /sk-proj-R/.test(l)).length).toBeGreaterThan(1));
    // A narrower, shorter terminal: the same state, fewer rows, the selection still shown.
    Object.defineProperty(app.stdout, 'columns', { value: 60, configurable: true });
    Object.defineProperty(app.stdout, 'rows', { value: 12, configurable: true });
    app.stdout.emit('resize');
    await vi.waitFor(() => expect(frame().split('\n').length).toBeLessThanOrEqual(12));
    expect(frame().split('\n').some((l) => l.startsWith('›'))).toBe(true);
  });

  it('f, t and a record decisions through the effects, space applies one to several, and u undoes the last', async () => {
    const { effects, calls } = recordingEffects();
    const { press, frame } = await open([item('a', 'project'), item('b', 'project'), item('c', 'admin')], effects);
    await press(' ', 'j', ' ', 't');
    await vi.waitFor(() => expect(calls.at(-1)).toEqual({ kind: 'decide', args: { kind: 'used-in-tests', sha256s: [sha('c'), sha('a')], reason: 'marked used in tests in triage', until: null } }));
    await vi.waitFor(() => expect(frame()).toContain('used-in-tests saved for 2 key(s) · u undoes'));
    await vi.waitFor(() => expect(frame()).toContain('open 1 · decided 2'));
    await press('u');
    await vi.waitFor(() => expect(calls.at(-1)).toEqual({ kind: 'restore', args: [{ sha256: sha('a'), decision: null }, { sha256: sha('c'), decision: null }] }));
    await vi.waitFor(() => expect(frame()).toContain('open 3 · decided 0'));
    await press('a', 'd', 'e', 'm', 'o', '\r', '2', '0', '9', '9', '-', '0', '1', '-', '0', '1', '\r');
    await vi.waitFor(() => expect(calls.at(-1)).toEqual({ kind: 'decide', args: { kind: 'accepted-risk', sha256s: [sha('a')], reason: 'demo', until: '2099-01-01' } }));
    await vi.waitFor(() => expect(frame()).toMatch(/sk-proj-AAAA…aaaa\s+1\s+accepted-risk/));
  });

  it('r checks first: a key that still answers live is not marked revoked; one that answers revoked is, with that reason', async () => {
    const live = recordingEffects({ verify: async (findings) => findings.map((f) => ({ sha256: f.secretSha256, verification: checked('live') })) });
    const first = await open([item('a', 'project')], live.effects);
    await first.press('r');
    await tick();
    await vi.waitFor(() => expect(live.calls.filter((c) => c.kind === 'decide')).toEqual([]));
    await vi.waitFor(() => expect(first.frame()).toContain('1 key(s) still answer live: revoke first (o opens the page); nothing was marked'));
    await vi.waitFor(() => expect(first.frame()).toMatch(/live 0s|live 3m/));
    const dead = recordingEffects();
    const second = await open([item('b', 'project')], dead.effects);
    await second.press('r');
    await tick();
    await vi.waitFor(() => expect(dead.calls.map((c) => c.kind)).toEqual(['verify', 'decide']));
    await vi.waitFor(() => expect(dead.calls[1]!.args).toMatchObject({ kind: 'revoked', reason: 'revoked: OpenAI answered revoked' }));
    const unreadable = recordingEffects({ verify: async () => [] });
    const third = await open([item('c', 'project')], unreadable.effects);
    await third.press('r');
    await tick();
    await vi.waitFor(() => expect(unreadable.calls.find((c) => c.kind === 'decide')!.args).toMatchObject({ reason: 'marked revoked in triage (not confirmed: 1 key(s) could not be checked)' }));
  });

  it('v verifies the selected key and the verdict updates in place; o shows the revocation page; ? shows every key', async () => {
    const { effects, calls } = recordingEffects();
    const { press, frame } = await open([item('a', 'admin')], effects);
    await press('v');
    await vi.waitFor(() => expect(calls).toEqual([{ kind: 'verify', args: [sha('a')] }]));
    await vi.waitFor(() => expect(frame()).toMatch(/revoked \d+m?s?/));
    await vi.waitFor(() => expect(frame()).toContain('revoked 1'));
    await press('o');
    await vi.waitFor(() => expect(frame()).toContain('revocation page: https://platform.openai.com/settings/organization/admin-keys'));
    await press('?');
    for (const word of ['verify now', 'false positive', 'used in tests', 'accepted risk', 'undo the last decision', 'quit']) expect(frame()).toContain(word);
  });

  it('a spinner turns beside a key while it is being verified, then the verdict takes its place', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const { effects } = recordingEffects({ verify: async (findings) => (await gate, findings.map((f) => ({ sha256: f.secretSha256, verification: checked('live') }))) });
    const { press, frame } = await open([item('a', 'project')], effects);
    await press('v');
    await vi.waitFor(() => expect(frame()).toMatch(/([⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]) checking/));
    const first = frame().match(/([⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]) checking/);
    await vi.waitFor(() => expect(frame().match(/([⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]) checking/)?.[1]).not.toBe(first![1]));
    release();
    await vi.waitFor(() => expect(frame()).toContain('live 1'));
    await vi.waitFor(() => expect(frame()).not.toContain('checking'));
  });

  it('keys that arrive in one chunk act one after another: "jf" decides the second row, and text after "a" is the reason', async () => {
    const { effects, calls } = recordingEffects();
    const { press, frame } = await open([item('a', 'admin'), item('b', 'project'), item('c', 'project')], effects);
    await press('jf');
    await vi.waitFor(() => expect(calls.at(-1)).toEqual({ kind: 'decide', args: expect.objectContaining({ kind: 'false-positive', sha256s: [sha('b')] }) }));
    await press('jarisk\r');
    await vi.waitFor(() => expect(frame()).toContain('last day (YYYY-MM-DD, empty for none)'));
    await vi.waitFor(() => expect(calls.filter((c) => c.kind === 'decide')).toHaveLength(1));
    await press('\r');
    await vi.waitFor(() => expect(calls.at(-1)).toEqual({ kind: 'decide', args: { kind: 'accepted-risk', sha256s: [sha('c')], reason: 'risk', until: null } }));
  });

  it('decisions are saved one at a time, in the order they were made, however fast they come', async () => {
    let inFlight = 0;
    let most = 0;
    const order: string[] = [];
    const { effects } = recordingEffects({
      decide: async (request) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((r) => setTimeout(r, 15));
        order.push(request.sha256s[0]!);
        inFlight -= 1;
        return request.sha256s.map((s) => ({ sha256: s, decision: { kind: request.kind, reason: request.reason, by: 'T', at: '2026-11-27T12:00:00.000Z', until: null, path: null, state: 'active' as const } }));
      },
    });
    const { press, frame } = await open([item('a', 'admin'), item('b', 'project'), item('c', 'project')], effects);
    await press('fjfjf');
    await vi.waitFor(() => expect(order).toHaveLength(3));
    expect(most).toBe(1);
    expect(order).toEqual([sha('a'), sha('b'), sha('c')]);
    await vi.waitFor(() => expect(frame()).toContain('open 0 · decided 3'));
  });

  it('a key pasted into the reason prompt is never echoed whole', async () => {
    const { fakeKey } = await import('../../fixtures/keys.js');
    const { seededRng } = await import('../../fixtures/random.js');
    const key = fakeKey('project-v2', seededRng(309));
    const { app, press, frame } = await open([item('a', 'project')], recordingEffects().effects);
    await press('a');
    app.stdin.write(`see ${key}`);
    await tick();
    await vi.waitFor(() => expect(frame()).toContain('reason: see sk-proj-'));
    await vi.waitFor(() => expect(frame()).not.toContain(key));
    await vi.waitFor(() => expect(frame()).not.toContain(key.slice(12, -4)));
  });
});
