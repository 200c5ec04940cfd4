import { render } from 'ink-testing-library';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
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
const tick = () => new Promise((r) => setTimeout(r, 30));

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
    const rows = frame().split('\n').filter((l) => /sk-/.test(l));
    expect(rows.map((r) => r.match(/sk-[a-z]+-([A-Z])/)![1])).toEqual(['C', 'B', 'E', 'A', 'D']);
    expect(frame()).toContain('live 2 · unknown 1 · not verified 1 · revoked 1 · open 5 · decided 0');
    expect(rows[0]).toMatch(/^›/);
    expect(rows[0]).toContain('live 3m');
    await press('j');
    expect(frame().split('\n').find((l) => l.startsWith('›'))).toContain('sk-proj-BBBB');
    await press('\r');
    expect(frame()).toContain('project key · project key format · sk-proj-BBBB…bbbb');
    expect(frame()).toContain('src/b.env:1:3');
    expect(frame()).toContain('│ OPENAI_API_KEY=sk-proj-AAAA…aaaa');
    expect(frame()).toContain('revoke: https://platform.openai.com/api-keys');
    await press('\u001b');
    await tick();
    expect(frame()).toContain('verified     type');
  });
});
