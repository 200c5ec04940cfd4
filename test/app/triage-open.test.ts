import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, git, initRepo } from '../../fixtures/git-fixture.js';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { openTriage } from '../../src/app/triage-open.js';
import { secretSha256 } from '../../src/detect/identity.js';
import { loadBuiltinRules } from '../../src/rules/load-rules.js';
import { type Profile, fakeOpenAI } from '../helpers/fake-openai.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const rng = seededRng(306);
const options = (showSecrets = false) => ({ showSecrets, verify: { depth: 'basic' as const, cache: false, timeoutMs: 5000, budgetMs: 20000 }, userAgent: 'keysweep-test', rules: loadBuiltinRules(), maxFileSize: 1 << 20, openers: [] });

async function repoWithKey() {
  const root = await tempDir('keysweep-triage-open-');
  const repo = join(root, 'app');
  await initRepo(repo);
  git(repo, ['config', 'user.name', 'Tess Triager']);
  git(repo, ['config', 'user.email', 'tess@example.test']);
  const key = fakeKey('project-v2', rng);
  const other = fakeKey('legacy', rng);
  await commit(repo, { 'config/app.env': `# settings\nOPENAI_API_KEY=${key}  # and ${other}\n` }, 'add key', 1);
  return { root, repo, key, other, sha: secretSha256(key) };
}

describe('triage sessions over real reports, stores and repositories', () => {
  it('a sweep store: keys read back from the swept repository for v, verdicts and decisions saved in the store, undo recorded too', async () => {
    const { root, repo, key, sha } = await repoWithKey();
    await writeFile(join(root, 'repos.txt'), `${repo}\n`);
    expect((await runCli(['sweep', '--repos', 'repos.txt', '--store', 's.db', '--cache-dir', 'cache', '--quiet'], { cwd: root })).code).toBe(1);
    const server = await fakeOpenAI(new Map<string, Profile>([[key, 'live-all']]));
    // Outside a repository, who decides is git's global identity, else the login name: here, none and "tess-ci".
    const { LOGNAME: _login, ...inherited } = process.env;
    const env: Record<string, string> = { ...(inherited as Record<string, string>), KEYSWEEP_OPENAI_BASE_URL: server.url, KEYSWEEP_CACHE_DIR: await tempDir(), HOME: await tempDir(), USER: 'tess-ci' };
    const session = await openTriage({ kind: 'store', path: 's.db', cacheDir: 'cache' }, options(), { cwd: root, env }, () => {});
    const item = session.items.find((i) => i.finding.secretSha256 === sha)!;
    expect(item.repos).toEqual([repo]);
    const [line] = await session.effects.context(item.finding);
    expect(line).toMatch(/^OPENAI_API_KEY=sk-proj-.{4}….{4} {2}# and sk-.{4}….{4}$/);
    const verdicts = await session.effects.verify([item.finding]);
    expect(verdicts.map((v) => [v.sha256, v.verification.status])).toEqual([[sha, 'live']]);
    expect(server.requests.map((r) => r.key)).toEqual([key]);
    const decided = await session.effects.decide({ kind: 'false-positive', sha256s: [sha], reason: 'checked by hand', until: null });
    expect(decided[0]!.decision).toMatchObject({ kind: 'false-positive', by: 'tess-ci', state: 'active' });
    const report = async () => JSON.parse((await runCli(['report', '--store', 's.db', '--format', 'json', '--show-ignored'], { cwd: root, env })).stdout) as { findings: Array<{ secretSha256: string; verification?: { status: string } }>; ignored?: Array<{ secretSha256: string; decision: { kind: string } }> };
    expect((await report()).ignored?.map((f) => [f.secretSha256, f.decision.kind])).toEqual([[sha, 'false-positive']]);
    await session.effects.restore([{ sha256: sha, decision: null }]);
    const after = await report();
    expect(after.findings.map((f) => [f.secretSha256, f.verification?.status])).toContainEqual([sha, 'live']);
    expect(await session.effects.reveal(item.finding)).toBeNull();
  });

  it('a report: decisions go to the repository\'s .keysweepignore, undo takes the line out, and x shows a key only with --show-secrets', async () => {
    const { repo, key, sha } = await repoWithKey();
    const json = await runCli(['history', '--format', 'json', '-o', 'r.json'], { cwd: repo });
    expect(json.code).toBe(1);
    const env = { ...process.env };
    const session = await openTriage({ kind: 'report', path: 'r.json', repo: '.' }, options(true), { cwd: repo, env }, () => {});
    expect(session.savesTo).toBe(join(repo, '.keysweepignore'));
    const item = session.items.find((i) => i.finding.secretSha256 === sha)!;
    expect(await session.effects.reveal(item.finding)).toBe(key);
    const closed = await openTriage({ kind: 'report', path: 'r.json', repo: '.' }, options(false), { cwd: repo, env }, () => {});
    expect(await closed.effects.reveal(item.finding)).toBeNull();
    await session.effects.decide({ kind: 'accepted-risk', sha256s: [sha], reason: 'staging only', until: '2099-12-31' });
    expect(await readFile(join(repo, '.keysweepignore'), 'utf8')).toMatch(new RegExp(`^${sha} accepted-risk until=2099-12-31 # Tess Triager <tess@example.test>, .*: staging only\\n$`));
    const reopened = await openTriage({ kind: 'report', path: 'r.json', repo: '.' }, options(), { cwd: repo, env }, () => {});
    expect(reopened.items.find((i) => i.finding.secretSha256 === sha)!.decision).toMatchObject({ kind: 'accepted-risk', state: 'active', until: '2099-12-31' });
    await session.effects.restore([{ sha256: sha, decision: null }]);
    expect(await readFile(join(repo, '.keysweepignore'), 'utf8')).toBe('');
  });

  it('a repository: its history is scanned behind progress events, and the revocation page is printed where no browser opener exists', async () => {
    const { repo, sha } = await repoWithKey();
    const events: string[] = [];
    const session = await openTriage({ kind: 'repository', path: repo, tree: false }, options(), { cwd: repo, env: process.env }, (e) => events.push(e.phase));
    expect(events).toContain('scan');
    expect(session.title).toBe(`history of ${repo}`);
    const item = session.items.find((i) => i.finding.secretSha256 === sha)!;
    expect(item.finding.locations[0]).toMatchObject({ source: 'git', path: 'config/app.env', inHead: true });
    expect(await session.effects.openPage('https://platform.openai.com/api-keys')).toBe('revocation page: https://platform.openai.com/api-keys (no browser opener found: open it yourself)');
  });

  it('a crafted report naming another file shows none of its lines, and a crafted store cannot smuggle escapes or unknown formats', async () => {
    const { root, repo, sha } = await repoWithKey();
    const privateFile = join(root, 'private.txt');
    await writeFile(privateFile, 'DB_PASS=swordfish\n');
    const crafted = { schemaVersion: 1, findings: [{ secretSha256: sha, redacted: 'sk-proj-x', locations: [{ source: 'file', path: privateFile, line: 1, column: 1, offset: 0, blobId: 'f'.repeat(40) }] }] };
    await writeFile(join(root, 'crafted.json'), JSON.stringify(crafted));
    const session = await openTriage({ kind: 'report', path: 'crafted.json', repo: repo }, options(), { cwd: root, env: process.env }, () => {});
    expect(await session.effects.context(session.items[0]!.finding)).toEqual([null]);
    await writeFile(join(root, 'repos.txt'), `${repo}\n`);
    expect((await runCli(['sweep', '--repos', 'repos.txt', '--store', 's.db', '--cache-dir', 'cache', '--quiet'], { cwd: root })).code).toBe(1);
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(join(root, 's.db'));
    db.prepare("INSERT INTO verdicts (sha256, status, permission, detail, checked_at) VALUES (?, '\u001b[41mlive', NULL, 'x', '2026-01-01T00:00:00Z')").run(sha);
    db.prepare("UPDATE locations SET json = json_set(json, '$.line', '\u001b]0;OWNED\u0007')").run();
    db.prepare("INSERT INTO findings (sha256, rule, key_type, format, confidence, redacted, first_seen_sweep, last_seen_sweep) VALUES (?, 'r', 'project', '__proto__', 'high', 'x', 1, 1)").run('d'.repeat(64));
    db.prepare("INSERT INTO locations (sha256, repo_id, json, first_seen_sweep) VALUES (?, 1, ?, 1)").run('d'.repeat(64), JSON.stringify({ source: 'file', path: 'x', line: 1, column: 1, offset: 0, blobId: '' }));
    db.close();
    const store = await openTriage({ kind: 'store', path: 's.db', cacheDir: 'cache' }, options(), { cwd: root, env: process.env }, () => {});
    // The key's locations had their line replaced by an escape: not locations keysweep writes, so none are shown.
    expect(store.items.map((i) => i.finding.secretSha256)).not.toContain('d'.repeat(64));
    expect(JSON.stringify(store.items)).not.toMatch(/\u001b|\\u001b/);
    const report = await runCli(['report', '--store', 's.db', '--format', 'json'], { cwd: root });
    expect(report.stderr).not.toContain('internal error');
  });

  it('a scanned tree shows a key-named path redacted, and whole only with --show-secrets', async () => {
    const dir = await tempDir('keysweep-triage-names-');
    const key = fakeKey('admin', rng);
    await writeFile(join(dir, key), 'x\n');
    const paths = async (show: boolean) =>
      (await openTriage({ kind: 'repository', path: '.', tree: true }, options(show), { cwd: dir, env: {} }, () => {})).items.flatMap((i) => i.finding.locations.map((l) => l.path ?? ''));
    const hidden = await paths(false);
    expect(hidden).toHaveLength(1);
    expect(hidden.join('\n')).not.toContain(key);
    expect(await paths(true)).toEqual([key]);
  });
});
