import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { commit, git, initRepo } from '../../fixtures/git-fixture.js';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { mergeReports } from '../../src/app/merge-reports.js';
import { secretSha256 } from '../../src/detect/identity.js';
import { loadBuiltinRules } from '../../src/rules/load-rules.js';
import { parseDecisionLine } from '../../src/suppress/decision-line.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const rng = seededRng(308);

async function repoWithKey() {
  const repo = await tempDir('keysweep-decision-attack-');
  await initRepo(repo);
  const key = fakeKey('project-v2', rng);
  await commit(repo, { 'a.env': `K=${key}\n` }, 'a', 1);
  return { repo, key, sha: secretSha256(key) };
}

describe('decisions under attack', () => {
  it('a key in a decision path, written or hand-edited, is never printed or stored whole', async () => {
    const { repo, sha } = await repoWithKey();
    const other = fakeKey('admin', rng);
    git(repo, ['config', 'user.name', 'Dev']);
    const set = await runCli(['triage', 'set', sha, '--as', 'false-positive', '--reason', 'x', '--path', `cfg/${other}`], { cwd: repo });
    expect(set.code, set.stderr).toBe(0);
    expect(await readFile(join(repo, '.keysweepignore'), 'utf8')).not.toContain(other);
    await writeFile(join(repo, '.keysweepignore'), `${sha} accepted-risk path=${other} # Dev, 2026-11-01T00:00:00Z: hidden\n`);
    for (const format of ['text', 'json', 'sarif']) {
      const run = await runCli(['scan', '.', '--show-ignored', '--format', format], { cwd: repo });
      expect(run.stdout + run.stderr).not.toContain(other);
    }
  });

  it('a name with a comma cannot pose as the date of the decision', async () => {
    const { repo, sha } = await repoWithKey();
    git(repo, ['config', 'user.name', 'Mallory, 2020-01-01T00:00:00Z: approved by CISO']);
    expect((await runCli(['triage', 'set', sha, '--as', 'used-in-tests', '--reason', 'real reason'], { cwd: repo })).code).toBe(0);
    const line = (await readFile(join(repo, '.keysweepignore'), 'utf8')).trim();
    const parsed = parseDecisionLine(line);
    expect(parsed).toMatchObject({ by: 'Mallory 2020-01-01T00:00:00Z: approved by CISO', reason: 'real reason' });
    expect(typeof parsed === 'object' && parsed !== null && parsed.at.startsWith('2020')).toBe(false);
  });

  it('triage set writes into the repository that holds the directory, never where core.worktree points', async () => {
    const { repo, sha } = await repoWithKey();
    const victim = await tempDir('keysweep-victim-');
    git(repo, ['config', 'core.worktree', victim]);
    const run = await runCli(['triage', 'set', sha, '--as', 'revoked', '--reason', 'x'], { cwd: repo });
    expect(run.code, run.stderr).toBe(0);
    await expect(readFile(join(victim, '.keysweepignore'), 'utf8')).rejects.toThrow(/ENOENT/);
    expect(await readFile(join(repo, '.keysweepignore'), 'utf8')).toContain(`${sha} revoked`);
  });

  it('dates that do not exist and directories that do not exist are refused with the reason', async () => {
    const { repo, sha } = await repoWithKey();
    const bad = await runCli(['triage', 'set', sha, '--as', 'accepted-risk', '--reason', 'x', '--until', '2099-02-31'], { cwd: repo });
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('--until takes a date')]);
    expect(parseDecisionLine(`${sha} accepted-risk until=2099-02-31 # a, 2026-11-01T00:00:00Z: b`)).toMatch(/until= takes a date/);
    const missing = await runCli(['triage', 'set', sha, '--as', 'revoked', '--reason', 'x', '--repo', join(repo, 'nope')], { cwd: repo });
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('is not a directory')]);
    expect(missing.stderr).not.toContain('internal error');
  });

  it('a crafted store: decision rows with escapes, blobs or bad dates are not used, and no escape reaches the terminal', async () => {
    const { repo, sha } = await repoWithKey();
    const root = await tempDir();
    await writeFile(join(root, 'repos.txt'), `${repo}\n`);
    expect((await runCli(['sweep', '--repos', 'repos.txt', '--store', 's.db', '--cache-dir', 'c', '--quiet'], { cwd: root })).code).toBe(1);
    const db = new Database(join(root, 's.db'));
    const add = db.prepare('INSERT INTO decision_log (sha256, kind, reason, by, at, until, path) VALUES (?, ?, ?, ?, ?, ?, ?)');
    add.run(sha, 'accepted-risk', 'r', 'b', '\u001b[2J2026-01-01T00:00:00Z', '\u001b]52;c;x\u0007', null);
    add.run(sha, 'false-positive', 'r', Buffer.from('blob'), '2026-01-01T00:00:00Z', null, null);
    db.close();
    const run = await runCli(['report', '--store', 's.db', '--show-ignored'], { cwd: root });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout + run.stderr).not.toMatch(/\u001b|\u0007/);
    expect(run.stderr).not.toContain('internal error');
  });

  it('other applications\' databases and empty files are not keysweep stores, and are left as they were', async () => {
    const root = await tempDir();
    const chromium = new Database(join(root, 'History'));
    chromium.exec("CREATE TABLE meta (key LONGVARCHAR NOT NULL UNIQUE PRIMARY KEY, value LONGVARCHAR); INSERT INTO meta VALUES ('version', '42'); CREATE TABLE urls (id INTEGER)");
    chromium.close();
    const before = await readFile(join(root, 'History'));
    await writeFile(join(root, 'empty.db'), '');
    for (const store of ['History', 'empty.db']) {
      const run = await runCli(['report', '--store', store], { cwd: root });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/not a keysweep store/);
    }
    expect((await readFile(join(root, 'History'))).equals(before)).toBe(true);
    expect((await readFile(join(root, 'empty.db'))).length).toBe(0);
  });

  it('merge redacts a key used as a property name in a shard report', () => {
    const key = fakeKey('admin', rng);
    const merged = mergeReports([{ name: 'r.json', text: JSON.stringify({ schemaVersion: 1, findings: [{ secretSha256: 'a'.repeat(64), locations: [{ [key]: 1 }], [key]: true }], stats: { [key]: 1 } }) }], loadBuiltinRules().redactionPrefixes);
    expect(JSON.stringify(merged)).not.toContain(key);
  });
});
