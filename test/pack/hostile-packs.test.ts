import { execFileSync } from 'node:child_process';
import { open, rm, symlink, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { commit, git, initRepo } from '../../fixtures/git-fixture.js';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { secretSha256 } from '../../src/detect/identity.js';
import { adler32BE, copyOp, deltaVarint, entryHeader, insertOp, objectId, ofsDeltaEntry, wholeEntry, writePack } from '../helpers/pack-writer.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const rng = seededRng(4711);
type Report = { findings: Array<{ secretSha256: string }>; stats: { peakRssBytes: number; skipped: Record<string, number>; git: { reader: { kind: string; fallback?: string } } } };

async function history(repo: string, reader: 'packs' | 'git', extra: string[] = []): Promise<{ code: number; stderr: string; report: Report | null }> {
  const run = await runCli(['history', '.', '--format', 'json', '--reader', reader, ...extra], { cwd: repo });
  return { code: run.code, stderr: run.stderr, report: run.stdout ? (JSON.parse(run.stdout) as Report) : null };
}
const keysOf = (report: Report | null) => (report?.findings ?? []).map((f) => f.secretSha256).sort();
const packDir = (repo: string) => join(repo, '.git', 'objects', 'pack');
const removeLoose = (repo: string, id: string) => rm(join(repo, '.git', 'objects', id.slice(0, 2), id.slice(2)));

/** A repository whose b.txt holds `content`, every object loose. */
async function repoWith(content: string | Buffer): Promise<{ repo: string; id: string }> {
  const repo = await tempDir('keysweep-hostile-pack-');
  await initRepo(repo);
  await commit(repo, { 'a.txt': 'hello\n' }, 'one', 1);
  await commit(repo, { 'b.txt': content }, 'two', 2);
  return { repo, id: git(repo, ['rev-parse', 'HEAD:b.txt']).trim() };
}

describe('the pack reader on hostile packs: never cleaner than git, never a crash, never unbounded', () => {
  it('a decoy pack holding other bytes under the key blob id does not hide the key git reads', async () => {
    const key = fakeKey('project-v2', rng);
    // Both over 200 bytes: small blobs are read through git anyway (to count LFS pointers).
    const { repo, id } = await repoWith(`K=${key}\n${'# padding\n'.repeat(30)}`);
    git(repo, ['repack', '-a', '-d', '-q']);
    const decoy = join(packDir(repo), `pack-${'0'.repeat(40)}`);
    writePack(decoy, [{ id: Buffer.from(id, 'hex'), raw: wholeEntry('blob', Buffer.from('nothing to see here\n'.repeat(20))) }]);
    await utimes(`${decoy}.pack`, new Date('2001-01-01'), new Date('2001-01-01'));
    await utimes(`${decoy}.idx`, new Date('2001-01-01'), new Date('2001-01-01'));
    const viaGit = await history(repo, 'git');
    expect(keysOf(viaGit.report)).toEqual([secretSha256(key)]);
    expect(keysOf((await history(repo, 'packs')).report)).toEqual(keysOf(viaGit.report));
  });

  it('a small entry whose stream runs past its declared size (checksum forged for the prefix) is not read as the prefix', async () => {
    const key = fakeKey('legacy', rng);
    const content = Buffer.from(`${'a'.repeat(300)}\n${key}\n`);
    const { repo, id } = await repoWith(content);
    const stream = deflateSync(content, { level: 9 });
    const forged = Buffer.concat([stream.subarray(0, stream.length - 4), adler32BE(content.subarray(0, 301))]);
    expect(forged.length).toBeLessThan(128);
    writePack(join(packDir(repo), 'pack-forged'), [{ id: Buffer.from(id, 'hex'), raw: Buffer.concat([entryHeader(3, 301), forged]) }]);
    await removeLoose(repo, id);
    const viaGit = await history(repo, 'git');
    const packs = await history(repo, 'packs');
    expect(viaGit.code).toBe(2);
    expect(packs.code).toBe(2);
    expect(packs.stderr).not.toMatch(/internal error/);
  });

  it('a corrupt entry ends the scan as incomplete (exit 2, a named problem), with either reader, not with an internal error', async () => {
    const { repo, id } = await repoWith('plain text\n'.repeat(50));
    const raw = wholeEntry('blob', Buffer.from('plain text\n'.repeat(50)));
    raw[raw.length - 10]! ^= 0xff;
    writePack(join(packDir(repo), 'pack-corrupt'), [{ id: Buffer.from(id, 'hex'), raw }]);
    await removeLoose(repo, id);
    for (const reader of ['git', 'packs'] as const) {
      const run = await history(repo, reader);
      expect(run.code, reader).toBe(2);
      expect(run.stderr, reader).not.toMatch(/internal error/);
      expect(run.stderr, reader).toMatch(/corrupt/);
    }
  });

  it('a gap of gigabytes between entries is skipped, not read (the file is sparse)', async () => {
    const key = fakeKey('admin', rng);
    const content = Buffer.from(`ADMIN=${key}\n`);
    const { repo, id } = await repoWith(content);
    const base = join(packDir(repo), 'pack-gap');
    writePack(base, [{ id: Buffer.from(id, 'hex'), raw: wholeEntry('blob', content) }]);
    // Move the trailer 1.9 GiB further: a hole between the entry and the end.
    const file = await open(`${base}.pack`, 'r+');
    const { size } = await file.stat();
    const trailer = Buffer.alloc(20);
    await file.read(trailer, 0, 20, size - 20);
    await file.write(trailer, 0, 20, Math.floor(1.9 * 2 ** 30));
    await file.close();
    await removeLoose(repo, id);
    const packs = await history(repo, 'packs');
    expect(keysOf(packs.report)).toEqual([secretSha256(key)]);
    expect(packs.report!.stats.git.reader.kind).toBe('packs');
    expect(packs.report!.stats.peakRssBytes).toBeLessThan(512 * 2 ** 20);
  });

  it('an object over the size limit is named, not inflated', async () => {
    const { repo, id } = await repoWith('small\n');
    const big = Buffer.alloc(256 * 2 ** 20);
    const bigId = objectId('blob', big);
    writePack(join(packDir(repo), 'pack-big'), [{ id: bigId, raw: wholeEntry('blob', big) }]);
    const tree = git(repo, ['mktree'], { input: `100644 blob ${bigId.toString('hex')}\tbig.bin\n100644 blob ${id}\tb.txt\n` }).trim();
    const head = git(repo, ['commit-tree', tree, '-p', 'HEAD', '-m', 'big'], { date: 3 }).trim();
    git(repo, ['update-ref', 'refs/heads/main', head]);
    const packs = await history(repo, 'packs', ['--max-file-size', '1MiB']);
    expect(packs.code).toBe(0);
    expect(packs.report!.stats.skipped['too-large']).toBe(1);
    expect(packs.report!.stats.peakRssBytes).toBeLessThan(256 * 2 ** 20);
  }, 60_000);

  it('an index claiming four billion objects is refused before anything is allocated; git reads the store', async () => {
    const key = fakeKey('project-v2', rng);
    const { repo } = await repoWith(`K=${key}\n`);
    git(repo, ['repack', '-a', '-d', '-q']);
    // A second pack, whose index then claims 2^32 - 1 objects.
    const clean = Buffer.from('clean\n');
    writePack(join(packDir(repo), 'pack-extra'), [{ id: objectId('blob', clean), raw: wholeEntry('blob', clean) }]);
    const file = await open(join(packDir(repo), 'pack-extra.idx'), 'r+');
    await file.write(Buffer.from([0xff, 0xff, 0xff, 0xff]), 0, 4, 8 + 255 * 4);
    await file.close();
    const packs = await history(repo, 'packs');
    const viaGit = await history(repo, 'git');
    expect(packs.stderr).not.toMatch(/internal error/);
    expect(packs.report!.stats.git.reader).toMatchObject({ kind: 'git', fallback: expect.stringMatching(/index shorter than its tables/) });
    expect([packs.code, keysOf(packs.report)]).toEqual([viaGit.code, keysOf(viaGit.report)]);
  });

  it('a dangling index symlink beside a pack is left to git, not a crash', async () => {
    const key = fakeKey('project-v2', rng);
    const { repo } = await repoWith(`K=${key}\n`);
    git(repo, ['repack', '-a', '-d', '-q']);
    await symlink('/nonexistent/x.idx', join(packDir(repo), 'pack-extra.idx'));
    const packs = await history(repo, 'packs');
    expect(packs.stderr).not.toMatch(/internal error/);
    expect(keysOf(packs.report)).toEqual([secretSha256(key)]);
  });

  it('a delta chain a thousand deep whose inserts all read back through it ends in bounded work', async () => {
    const { repo } = await repoWith('x\n');
    const prefix = Buffer.from(`${'a'.repeat(60)}akF`);
    let current = prefix;
    const entries = [{ id: objectId('blob', current), raw: wholeEntry('blob', current) }];
    const offsets = [12];
    let at = 12 + entries[0]!.raw.length;
    for (let i = 1; i <= 1000; i++) {
      const ops: Buffer[] = [];
      const parts: Buffer[] = [];
      for (let k = 0; k < 10; k++) {
        const inserted = Buffer.from(`J${i}.${k}`);
        ops.push(copyOp(0, prefix.length), insertOp(inserted));
        parts.push(prefix, inserted);
      }
      const result = Buffer.concat(parts);
      const raw = ofsDeltaEntry(at - offsets.at(-1)!, Buffer.concat([deltaVarint(current.length), deltaVarint(result.length), ...ops]));
      entries.push({ id: objectId('blob', result), raw });
      offsets.push(at);
      at += raw.length;
      current = result;
    }
    writePack(join(packDir(repo), 'pack-chain'), entries);
    const packs = await history(repo, 'packs', ['--unreachable']);
    expect(packs.stderr).not.toMatch(/internal error/);
    expect(packs.code).toBe(0);
  }, 60_000);

  it('a FIFO where a loose object should be stops the scan with exit 2 instead of hanging git', async () => {
    const { repo, id } = await repoWith('y\n');
    await removeLoose(repo, id);
    execFileSync('mkfifo', [join(repo, '.git', 'objects', id.slice(0, 2), id.slice(2))]);
    const packs = await history(repo, 'packs');
    expect(packs.code).toBe(2);
    expect(packs.stderr).toMatch(/FIFO/);
  }, 30_000);
});
