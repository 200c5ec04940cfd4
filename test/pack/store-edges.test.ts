import { open, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { constants as zlib, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { commit, git, initRepo } from '../../fixtures/git-fixture.js';
import { ALNUM, randomString, seededRng } from '../../fixtures/random.js';
import { historyAnchors } from '../../src/detect/history-anchors.js';
import { loadBuiltinRules } from '../../src/rules/load-rules.js';
import { type StoreScan, scanObjectStore } from '../../src/sources/pack/scan-object-store.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const rules = loadBuiltinRules();
const rng = seededRng(2024);
const anchors = { content: historyAnchors(rules), names: [rules.marker] };
const scan = async (repo: string, maxSize = Infinity): Promise<StoreScan> => {
  const result = await scanObjectStore(join(repo, '.git', 'objects'), { anchors, want: ['commit', 'tree', 'blob', 'tag'], maxSize, readBlobsBelow: 0, collect: ['commit', 'blob'], threads: 1 });
  if ('refused' in result) throw new Error(result.refused);
  return result;
};
const gitCounts = (repo: string) => {
  const counts: Record<string, number> = { commit: 0, tree: 0, blob: 0, tag: 0 };
  for (const line of git(repo, ['cat-file', '--batch-all-objects', '--batch-check=%(objecttype)']).trim().split('\n')) counts[line]!++;
  return counts;
};
const lines = (n: number) => Array.from({ length: n }, () => `${randomString(rng, ALNUM, 60)}\n`).join('');

async function growingFile(): Promise<string> {
  const repo = await tempDir('keysweep-store-edges-');
  await initRepo(repo);
  let text = lines(80);
  for (let c = 0; c < 4; c++) {
    text += lines(5);
    await commit(repo, { 'grow.txt': text }, `grow ${c}`, c);
  }
  return repo;
}

describe('object stores at their edges', () => {
  it('objects in two packs and loose copies of packed objects are counted once, as git counts them', async () => {
    const repo = await growingFile();
    git(repo, ['repack', '-a', '-d', '-q']);
    await commit(repo, { 'more.txt': lines(3) }, 'more', 9);
    // A second pack holding everything again; without -d the first pack and the loose objects stay too.
    git(repo, ['repack', '-a', '-q']);
    const id = git(repo, ['rev-parse', 'HEAD:more.txt']).trim();
    expect(git(repo, ['count-objects', '-v'])).toMatch(/^count: [1-9]/m);
    expect(git(repo, ['cat-file', '-t', id]).trim()).toBe('blob');
    const result = await scan(repo);
    expect(result.packs).toBe(2);
    expect(result.counts).toEqual(gitCounts(repo));
    expect(new Set(result.ids.commit).size).toBe(result.ids.commit.length);
    expect(new Set(result.ids.blob).size).toBe(result.ids.blob.length);
  });

  it('reads a loose object whose compressed tables run long before its header', async () => {
    const repo = await tempDir('keysweep-store-edges-');
    await initRepo(repo);
    // Skewed bytes over a wide alphabet: zlib writes a long dynamic Huffman table before the first byte.
    const body = Buffer.from(Array.from({ length: 4000 }, () => Math.floor(rng() ** 3 * 217)));
    await commit(repo, { 'tables.bin': body }, 'long tables', 1);
    const id = git(repo, ['rev-parse', 'HEAD:tables.bin']).trim();
    const file = await readFile(join(repo, '.git', 'objects', id.slice(0, 2), id.slice(2)));
    const headerAfter = (n: number) => inflateSync(file.subarray(0, n), { finishFlush: zlib.Z_SYNC_FLUSH }).includes(0);
    // The header is out of reach of the first 64 compressed bytes: what a short read would miss.
    expect(headerAfter(64)).toBe(false);
    expect(headerAfter(file.length)).toBe(true);
    const result = await scan(repo);
    expect(result.unread).toEqual([]);
    expect(result.counts).toEqual(gitCounts(repo));
    expect(result.ids.blob).toContain(id);
  });

  it('a damaged delta base sends the base and every delta over it to git, none dropped', async () => {
    const repo = await growingFile();
    git(repo, ['repack', '-a', '-d', '-f', '-q']);
    const packDir = join(repo, '.git', 'objects', 'pack');
    const pack = (await readdir(packDir)).find((n) => n.endsWith('.pack'))!;
    const verify = git(repo, ['verify-pack', '-v', join(packDir, pack)]);
    // Lines: id type size size-in-pack offset [depth base]; the base is a blob some delta names.
    const rows = verify.split('\n').map((l) => l.split(/\s+/)).filter((r) => /^[0-9a-f]{40}$/.test(r[0]!));
    const deltas = rows.filter((r) => r.length >= 7 && r[1] === 'blob');
    const baseId = deltas[0]![6]!;
    const base = rows.find((r) => r[0] === baseId)!;
    const file = await open(join(packDir, pack), 'r+');
    const first = Buffer.alloc(1);
    await file.read(first, 0, 1, Number(base[4]));
    first[0] = (first[0]! & 0x8f) | (5 << 4);
    await file.write(first, 0, 1, Number(base[4]));
    await file.close();
    const result = await scan(repo);
    const unread = new Set(result.unread.map((u) => u.id));
    expect(unread.has(baseId)).toBe(true);
    for (const d of deltas.filter((r) => r[6] === baseId)) expect(unread.has(d[0]!)).toBe(true);
  });

  it('an entry larger than the read window (9 MiB, incompressible) is read whole, not sent to git', async () => {
    const repo = await tempDir();
    await initRepo(repo);
    const big = Buffer.from(Array.from({ length: 9 * 2 ** 20 }, () => Math.floor(rng() * 256)));
    await commit(repo, { 'noise.bin': big }, 'noise', 1);
    git(repo, ['repack', '-a', '-d', '-q']);
    const result = await scan(repo);
    expect(result.unread).toEqual([]);
    expect(result.counts.blob).toBe(1);
  }, 60_000);

  it('a pack whose header counts other entries than its index is left to git', async () => {
    const repo = await growingFile();
    git(repo, ['repack', '-a', '-d', '-q']);
    const packDir = join(repo, '.git', 'objects', 'pack');
    const pack = (await readdir(packDir)).find((n) => n.endsWith('.pack'))!;
    const file = await open(join(packDir, pack), 'r+');
    const count = Buffer.alloc(4);
    await file.read(count, 0, 4, 8);
    count.writeUInt32BE(count.readUInt32BE(0) + 1);
    await file.write(count, 0, 4, 8);
    await file.close();
    const result = await scanObjectStore(join(repo, '.git', 'objects'), { anchors, want: ['blob'], maxSize: Infinity, readBlobsBelow: 0, collect: [], threads: 1 });
    expect(result).toEqual({ refused: `${pack.slice(0, -5)}.idx: pack header does not match its index` });
  });

  it('both readers agree on a blob of exactly the size limit, and on large blobs only an amended-away commit held', async () => {
    const repo = await tempDir();
    await initRepo(repo);
    await commit(repo, { 'exact.txt': 'x'.repeat(2047) + '\n', 'over.txt': 'y'.repeat(2048) + '\n' }, 'sizes', 1);
    await commit(repo, { 'gone.txt': 'z'.repeat(5000) + '\n' }, 'soon reset away', 2);
    // The commit and its large blob stay in the store, reachable from no ref.
    git(repo, ['reset', '-q', '--hard', 'HEAD~1']);
    git(repo, ['reflog', 'expire', '--expire=now', '--all']);
    const report = async (reader: string) => {
      const run = await runCli(['history', '.', '--format', 'json', '--max-file-size', '2KiB', '--reader', reader], { cwd: repo });
      const json = JSON.parse(run.stdout) as { stats: { skipped: unknown; git: Record<string, unknown> } };
      const { reader: _r, ...counts } = json.stats.git;
      return { code: run.code, skipped: json.stats.skipped, counts };
    };
    // Loose, then packed (the unreachable commit stays loose: repack -a keeps only what refs reach).
    for (const when of ['loose', 'packed']) {
      if (when === 'packed') git(repo, ['repack', '-a', '-d', '-q']);
      const packs = await report('packs');
      expect(packs, when).toEqual(await report('git'));
      expect(packs.skipped, when).toEqual({ 'too-large': 1 });
    }
  });
});

