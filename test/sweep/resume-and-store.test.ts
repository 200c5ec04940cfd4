import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { commit, initRepo } from '../../fixtures/git-fixture.js';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { secretSha256 } from '../../src/detect/identity.js';
import { MIGRATIONS, STORE_VERSION } from '../../src/sweep/store-migrations.js';
import { openSweepStore } from '../../src/sweep/sweep-store.js';
import { BIN } from '../helpers/spawn-cli.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const rng = seededRng(93);

describe('a sweep killed with SIGKILL resumes where it stopped', () => {
  it('loses and duplicates nothing', async () => {
    const root = await tempDir('keysweep-resume-');
    const [ka, kb] = [fakeKey('project-v2', rng), fakeKey('legacy', rng)];
    const a = join(root, 'a');
    const b = join(root, 'b');
    await initRepo(a);
    await commit(a, { 'a.env': `K=${ka}\n` }, 'a', 1);
    await initRepo(b);
    await commit(b, { 'b.env': `K=${kb}\n` }, 'b', 1);
    // A git:// server that accepts and never answers: the sweep hangs on it after finishing a.
    const sockets: Array<{ destroy: () => void }> = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    const list = join(root, 'repos.txt');
    await writeFile(list, `${a}\ngit://127.0.0.1:${port}/hangs.git\n${b}\n`);
    const store = join(root, 'store.db');
    const args = ['sweep', '--repos', list, '--store', store, '--cache-dir', join(root, 'cache'), '--concurrency', '1', '--format', 'json', '--repo-timeout', '60'];
    const child = spawn(process.execPath, [BIN, ...args], { cwd: root, stdio: 'ignore' });
    // Wait until a is recorded, then kill the sweep as hard as possible while it hangs on the silent server.
    const deadline = Date.now() + 20_000;
    for (;;) {
      const done = (() => {
        try {
          const db = new Database(store, { readonly: true, fileMustExist: true });
          try {
            return (db.prepare('SELECT COUNT(*) AS n FROM repo_runs').get() as { n: number }).n;
          } finally {
            db.close();
          }
        } catch {
          return 0;
        }
      })();
      if (done >= 1 || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    for (const socket of sockets) socket.destroy();
    await new Promise((r) => silent.close(r));
    const resumed = await runCli(args, { cwd: root });
    expect(resumed.stderr).toContain('resuming an interrupted sweep, 1 already done');
    const report = JSON.parse(resumed.stdout) as { findings: Array<{ secretSha256: string; locations: unknown[] }>; repositories: Array<{ repository: string; status: string }> };
    expect(resumed.code).toBe(1);
    expect(report.findings.map((f) => f.secretSha256).sort()).toEqual([secretSha256(ka), secretSha256(kb)].sort());
    expect(report.findings.every((f) => f.locations.length === 1)).toBe(true);
    expect(report.repositories.map((r) => [r.repository.replace(/:\d+/, ':PORT'), r.status])).toEqual([
      [a, 'scanned'],
      [b, 'scanned'],
      ['git://127.0.0.1:PORT/hangs.git', 'failed'],
    ].sort((x, y) => (x[0]! < y[0]! ? -1 : 1)));
  }, 60_000);
});

describe('the sweep store', () => {
  it('opens a store written by the previous schema version, keeping its data, and refuses a newer one', async () => {
    const dir = await tempDir();
    const path = join(dir, 'old.db');
    const old = new Database(path);
    old.exec('CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    for (const migration of MIGRATIONS.filter((m) => m.version < STORE_VERSION)) old.exec(migration.sql);
    old.prepare("INSERT INTO meta VALUES ('schema_version', ?)").run(String(STORE_VERSION - 1));
    old.prepare("INSERT INTO sweeps (started_at, status, inputs) VALUES ('2026-01-01T00:00:00Z', 'complete', 'x')").run();
    old.prepare("INSERT INTO repositories (identity, last_tips) VALUES ('/r', '[\"abc\"]')").run();
    old.close();
    const store = openSweepStore(path);
    expect(store.latestSweep()).toBe(1);
    expect(store.lastTips('/r')).toEqual(['abc']);
    store.close();
    const check = new Database(path, { readonly: true });
    expect((check.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string }).value).toBe(String(STORE_VERSION));
    expect(check.prepare("SELECT name FROM sqlite_master WHERE name = 'verdicts'").get()).toBeDefined();
    check.close();
    const future = new Database(join(dir, 'future.db'));
    future.exec("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO meta VALUES ('schema_version', '999')");
    future.close();
    expect(() => openSweepStore(join(dir, 'future.db'))).toThrow(/schema 999; this keysweep reads up to/);
  });
});
