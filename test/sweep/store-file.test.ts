import { readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { commit, initRepo } from '../../fixtures/git-fixture.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

async function oneRepo() {
  const root = await tempDir('keysweep-store-file-');
  await initRepo(join(root, 'r'));
  await commit(join(root, 'r'), { 'a.txt': 'clean\n' }, 'a', 1);
  return root;
}

describe('the sweep store file', () => {
  it('is created private, with its WAL files, and a store that does not exist is an error for report and merge', async () => {
    const root = await oneRepo();
    const store = join(root, 'state', 'sweep.db');
    const run = await runCli(['sweep', '--discover', root, '--store', store, '--cache-dir', join(root, 'cache'), '--quiet'], { cwd: root });
    expect(run.code, run.stderr).toBe(0);
    expect((await stat(store)).mode & 0o777).toBe(0o600);
    expect((await stat(join(root, 'state'))).mode & 0o777).toBe(0o700);
    for (const args of [['report', '--store', join(root, 'nope.db')], ['merge', '--store', join(root, 'nope.db')]]) {
      const missing = await runCli(args, { cwd: root });
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('does not exist');
      await expect(stat(join(root, 'nope.db'))).rejects.toThrow(/ENOENT/);
    }
  });

  it('is never opened through a symbolic link, and the link target is left untouched', async () => {
    const root = await oneRepo();
    const target = join(root, 'elsewhere.db');
    await writeFile(target, '');
    await symlink(target, join(root, 'link.db'));
    for (const args of [['sweep', '--discover', root, '--cache-dir', join(root, 'cache')], ['report'], ['merge']]) {
      const run = await runCli([...args, '--store', join(root, 'link.db')], { cwd: root });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('is a symbolic link');
      expect(run.stderr).not.toContain('internal error');
    }
    expect(await readFile(target, 'utf8')).toBe('');
  });

  it('refuses a file that is not a keysweep store with its name and no stack trace, and writes nothing into it', async () => {
    const root = await oneRepo();
    const text = join(root, 'notes.db');
    await writeFile(text, 'these are my notes, not a database\n'.repeat(200));
    const other = join(root, 'other.db');
    const db = new Database(other);
    db.exec('CREATE TABLE sweeps (x TEXT)');
    db.close();
    const before = await readFile(other);
    for (const path of [text, other]) {
      for (const args of [['report', '--store', path], ['sweep', '--discover', root, '--cache-dir', join(root, 'cache'), '--store', path]]) {
        const run = await runCli(args, { cwd: root });
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/is not a keysweep store|is a SQLite database but not a keysweep store/);
        expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
      }
    }
    expect(await readFile(text, 'utf8')).toBe('these are my notes, not a database\n'.repeat(200));
    expect((await readFile(other)).equals(before)).toBe(true);
  });
});
