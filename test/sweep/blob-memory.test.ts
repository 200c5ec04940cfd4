import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { commit, git, initRepo } from '../../fixtures/git-fixture.js';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { secretSha256 } from '../../src/detect/identity.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const rng = seededRng(95);

type Report = { findings: Array<{ secretSha256: string; locations: Array<{ repo: string }> }>; repositories: Array<{ repository: string; blobs: number }> };

describe('a sweep reads each blob once across repositories', () => {
  it('a fork reads only its own new blobs, yet the key it shares is attributed to it too; another detector reads again', async () => {
    const root = await tempDir();
    const upstream = join(root, 'upstream');
    await initRepo(upstream);
    const key = fakeKey('project-v2', rng);
    const files: Record<string, string> = { 'k.env': `K=${key}\n` };
    for (let i = 0; i < 20; i++) files[`src/f${i}.txt`] = `file ${i}\n`;
    await commit(upstream, files, 'upstream', 1);
    git(root, ['clone', '-q', upstream, 'fork']);
    const fork = join(root, 'fork');
    await commit(fork, { 'fork-only.txt': 'mine\n' }, 'fork change', 2);
    // Mirrors (file:// URLs): only objects git fetched, and so checked against their ids, are remembered.
    const [up, fk] = [`file://${upstream}`, `file://${fork}`];
    await writeFile(join(root, 'first.txt'), `${up}\n`);
    await writeFile(join(root, 'both.txt'), `${up}\n${fk}\n`);
    await writeFile(join(root, 'fork.txt'), `${fk}\n`);
    await writeFile(join(root, 'local.txt'), `${upstream}\n`);
    // Memory saves reading through git; the pack reader examines every blob at the delta level whatever it
    // remembers (its cost is the pack, not the blobs), so what is read is counted with git as the reader.
    const sweep = async (list: string, store: string, extra: string[] = []) =>
      JSON.parse((await runCli(['sweep', '--repos', list, '--store', store, '--cache-dir', 'cache', '--format', 'json', '--quiet', '--reader', 'git', ...extra], { cwd: root })).stdout) as Report;
    await sweep('first.txt', 's.db');
    const both = await sweep('both.txt', 's.db');
    const forkRun = both.repositories.find((r) => r.repository === fk)!;
    // The fork's 22 blobs: 20 already read clean upstream are skipped; the key's blob (it matched) and the new one are read.
    expect(forkRun.blobs).toBe(2);
    const finding = both.findings.find((f) => f.secretSha256 === secretSha256(key))!;
    expect(finding.locations.map((l) => l.repo).sort()).toEqual([fk, up].sort());
    // A single sweep of the fork alone, with a fresh store, reads everything: the skip comes only from memory.
    const alone = await sweep('fork.txt', 'fresh.db');
    expect(alone.repositories.find((r) => r.repository === fk)!.blobs).toBe(22);
    // A local repository's object store is not trusted to vouch for a blob id: nothing it reads is remembered.
    await sweep('local.txt', 'local.db');
    await writeFile(join(root, 'local-then-fork.txt'), `${upstream}\n${fk}\n`);
    const afterLocal = await sweep('local-then-fork.txt', 'local.db', ['--concurrency', '1']);
    expect(afterLocal.repositories.find((r) => r.repository === fk)!.blobs).toBe(22);
    // Records made by another detector do not count: the fork is read whole again.
    const db = new Database(join(root, 's.db'));
    db.prepare("UPDATE scanned_blobs SET detector = 'older-rules'").run();
    db.prepare('UPDATE repositories SET last_tips = NULL WHERE identity = ?').run(fk);
    db.close();
    const again = await sweep('both.txt', 's.db');
    expect(again.repositories.find((r) => r.repository === fk)!.blobs).toBe(22);
    // With the pack reader, remembered blobs are not read again either, and the shared key is still the fork's.
    const packed = JSON.parse((await runCli(['sweep', '--repos', 'both.txt', '--store', 's.db', '--cache-dir', 'cache', '--format', 'json', '--quiet', '--full'], { cwd: root })).stdout) as Report;
    expect(packed.findings.find((f) => f.secretSha256 === secretSha256(key))!.locations.map((l) => l.repo).sort()).toEqual([fk, up].sort());
  });
});
