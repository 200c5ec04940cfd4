import { spawn } from 'node:child_process';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { commit, git, initRepo } from '../../fixtures/git-fixture.js';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { decisionStore } from '../../src/app/decision-store.js';
import { contextLine } from '../../src/app/location-context.js';
import { repoClaims } from '../../src/app/repo-claims.js';
import { writeDecisionsToIgnoreFile } from '../../src/app/write-ignore-file.js';
import { secretOf } from '../../src/core/secret.js';
import type { Decision, Finding } from '../../src/core/types.js';
import { secretSha256 } from '../../src/detect/identity.js';
import { loadBuiltinRules } from '../../src/rules/load-rules.js';
import { formatDecisionLine } from '../../src/suppress/decision-line.js';
import { stopLeftovers } from '../../src/sweep/stop-leftovers.js';
import { openSweepStore } from '../../src/sweep/sweep-store.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const rng = seededRng(310);
const rules = loadBuiltinRules();
const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const decision = (over: Partial<Decision> = {}): Decision => ({ sha256: A, kind: 'accepted-risk', reason: 'demo', by: 'T', at: '2026-11-27T10:00:00.000Z', until: '2099-01-01', path: 'cfg/*', ...over });

describe('triage effects against real files, stores and processes', () => {
  it('undo puts back an earlier decision whole (end date and path), in a file and in a store', async () => {
    const dir = await tempDir();
    await initRepo(dir);
    const file = decisionStore({ kind: 'directory', path: dir }, { cwd: dir, env: process.env });
    await file.restore([{ sha256: A, decision: { ...decision(), state: 'active' } }]);
    expect(await readFile(join(dir, '.keysweepignore'), 'utf8')).toBe(`${formatDecisionLine(decision())}\n`);
    const root = await tempDir();
    openSweepStore(join(root, 's.db')).close();
    const store = decisionStore({ kind: 'store', path: join(root, 's.db') }, { cwd: root, env: process.env });
    await store.record({ kind: 'false-positive', sha256s: [B], reason: 'first', until: null });
    await store.record({ kind: 'used-in-tests', sha256s: [B], reason: 'second', until: null });
    await store.restore([{ sha256: B, decision: { ...decision({ sha256: B, kind: 'false-positive', reason: 'first', path: null, until: null }), state: 'active' } }]);
    const opened = openSweepStore(join(root, 's.db'), 'existing');
    expect(opened.decisions().map((d) => [d.kind, d.reason])).toEqual([['false-positive', 'first']]);
    opened.close();
  });

  it('writing decisions keeps every other line and the file mode, and refuses to grow past the limit', async () => {
    const dir = await tempDir();
    const path = join(dir, '.keysweepignore');
    await writeFile(path, `${B}\nfixtures/**\n`);
    await chmod(path, 0o600);
    await writeDecisionsToIgnoreFile(path, [decision()]);
    await writeDecisionsToIgnoreFile(path, [decision({ sha256: 'c'.repeat(64), path: null, until: null, kind: 'revoked' })]);
    const text = await readFile(path, 'utf8');
    expect(text.split('\n').slice(0, 2)).toEqual([B, 'fixtures/**']);
    expect(text).toContain(formatDecisionLine(decision()));
    expect(text).toContain(`${'c'.repeat(64)} revoked`);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    await writeFile(path, `# ${'x'.repeat(16 * 1024 * 1024 - 10)}\n`);
    await expect(writeDecisionsToIgnoreFile(path, [decision()])).rejects.toThrow(/limit for suppression files/);
  });

  it('triage set refuses a bare repository and a past date earlier this year, and ignores a core.worktree that only shares a prefix', async () => {
    const root = await tempDir();
    const bare = join(root, 'b.git');
    await initRepo(bare, { bare: true });
    const inBare = await runCli(['triage', 'set', A, '--as', 'revoked', '--reason', 'x'], { cwd: bare });
    expect([inBare.code, inBare.stderr]).toEqual([2, expect.stringContaining('is a bare repository')]);
    const app = join(root, 'app');
    const ap = join(root, 'ap');
    await initRepo(app);
    await mkdir(ap);
    git(app, ['config', 'core.worktree', ap]);
    expect((await runCli(['triage', 'set', A, '--as', 'revoked', '--reason', 'x'], { cwd: app })).code).toBe(0);
    expect(await readFile(join(app, '.keysweepignore'), 'utf8')).toContain(`${A} revoked`);
    await expect(readFile(join(ap, '.keysweepignore'), 'utf8')).rejects.toThrow(/ENOENT/);
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-27T10:00:00Z') });
    try {
      const past = await runCli(['triage', 'set', A, '--as', 'accepted-risk', '--reason', 'x', '--until', '2026-01-01'], { cwd: app });
      expect([past.code, past.stderr]).toEqual([2, expect.stringContaining('--until 2026-01-01 has already passed')]);
      const today = await runCli(['triage', 'set', A, '--as', 'accepted-risk', '--reason', 'x', '--until', '2026-11-27'], { cwd: app });
      expect(today.code, today.stderr).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it("one repository's claim hides the key only in that repository, and a claims file with a bad line hides nothing", () => {
    const key = fakeKey('project-v2', rng);
    const sha = secretSha256(key);
    const finding: Finding = {
      id: 'x', secretSha256: sha, ruleId: 'r', keyType: 'project', format: 'project', formatName: 'p', confidence: 'high', redacted: 'r', secret: secretOf(''),
      locations: ['cfg/a.env', 'cfg/b.env', 'other/c.env'].map((path) => ({ source: 'file' as const, path, line: 1, column: 1, offset: 0, blobId: '' })),
      remediation: { revokeUrl: 'u', apiRevocation: null, steps: [] },
    };
    const judge = repoClaims(new Map([['repo-a', `${sha}\n`], ['repo-c', 'other/**\n'], ['repo-bad', `${sha}\n${sha} nonsense\n`]]), '2026-11-27T00:00:00Z');
    expect(judge(finding, (i) => ['repo-a', 'repo-b', 'repo-c'][i]!).map((l) => l.suppressed ?? null)).toEqual(['ignore-file-secret', null, 'ignore-file-path']);
    expect(judge(finding, () => 'repo-bad').map((l) => l.suppressed ?? null)).toEqual([null, null, null]);
    const allowed = { ...finding, locations: [{ ...finding.locations[0]!, suppressed: 'allow-comment' as const }] };
    expect(judge(allowed, () => 'repo-a').map((l) => l.suppressed)).toEqual(['allow-comment']);
  });

  it('the source line of a key never shows a piece of another key cut at the edge of what was read', async () => {
    const dir = await tempDir();
    const [mine, other] = [fakeKey('project-v2', rng), fakeKey('admin', rng)];
    // The other key starts before the read window and runs into it; mine follows.
    const line = `X=${other}${' '.repeat(40)}K=${mine}\n`;
    await writeFile(join(dir, 'a.env'), line);
    const offset = Buffer.from(line).indexOf(mine);
    const shown = await contextLine({ source: 'file', path: 'a.env', line: 1, column: offset + 1, offset, blobId: '' }, secretSha256(mine), rules, { cwd: dir, env: process.env });
    expect(shown).toMatch(/^….*K=sk-proj-.{4}….{4}$/);
    expect(shown).not.toMatch(/[A-Za-z0-9_-]{20,}/);
  });

  it('stops only the processes that carry exactly this run marker', async () => {
    const run = `test-${process.pid}-${Date.now()}`;
    const spawnMarked = (value: string) => spawn('sleep', ['30'], { env: { ...process.env, KEYSWEEP_MIRROR_RUN: value }, stdio: 'ignore' });
    const mine = spawnMarked(run);
    const longer = spawnMarked(`${run}9`);
    await new Promise((r) => setTimeout(r, 100));
    try {
      expect(await stopLeftovers(`KEYSWEEP_MIRROR_RUN=${run}`)).toBe(1);
      await new Promise((r) => setTimeout(r, 100));
      expect(mine.signalCode).toBe('SIGKILL');
      expect(longer.exitCode === null && longer.signalCode === null).toBe(true);
    } finally {
      longer.kill('SIGKILL');
      mine.kill('SIGKILL');
    }
  });

  it("history uses the work tree's .keysweepignore only from the repository's own work tree, and reports a malformed one", async () => {
    const repo = await tempDir();
    await initRepo(repo);
    const key = fakeKey('legacy', rng);
    await commit(repo, { 'a.env': `K=${key}\n` }, 'a', 1);
    const elsewhere = await tempDir();
    await writeFile(join(elsewhere, '.keysweepignore'), `${secretSha256(key)}\n`);
    git(repo, ['config', 'core.worktree', elsewhere]);
    const run = await runCli(['history', '.', '--format', 'json'], { cwd: repo });
    expect((JSON.parse(run.stdout) as { findings: unknown[] }).findings).toHaveLength(1);
    git(repo, ['config', '--unset', 'core.worktree']);
    await writeFile(join(repo, '.keysweepignore'), `${secretSha256(key)}\n${secretSha256(key)} nonsense\n`);
    const bad = await runCli(['history', '.', '--format', 'json'], { cwd: repo });
    const report = JSON.parse(bad.stdout) as { findings: unknown[]; problems: Array<{ code: string; path: string }> };
    expect(report.findings).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ code: 'SUPPRESSIONS_NOT_READ', path: '.keysweepignore' });
  });
});
