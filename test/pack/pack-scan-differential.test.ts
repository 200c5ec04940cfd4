import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, git, initRepo } from '../../fixtures/git-fixture.js';
import { type Rng, seededRng } from '../../fixtures/random.js';
import { historyAnchors } from '../../src/detect/history-anchors.js';
import { loadBuiltinRules } from '../../src/rules/load-rules.js';
import { type AnchorIndex, indexWhole } from '../../src/sources/pack/anchor-index.js';
import { buildAnchorTrie } from '../../src/sources/pack/anchor-trie.js';
import { type StoreScan, scanObjectStore } from '../../src/sources/pack/scan-object-store.js';
import { tempDir } from '../helpers/temp-dir.js';

const rules = loadBuiltinRules();
const contentAnchors = historyAnchors(rules);
const nameAnchors = [rules.marker];
const tries = { content: buildAnchorTrie(contentAnchors), names: buildAnchorTrie(nameAnchors) };
const spec = { anchors: { content: contentAnchors, names: nameAnchors }, want: ['commit', 'tree', 'blob', 'tag'] as const, maxSize: Infinity, readBlobsBelow: 0, collect: [] };

/** Every object of the store read whole through git. */
function everyObject(repo: string): Map<string, { type: string; body: Buffer }> {
  const out = execFileSync('git', ['-C', repo, 'cat-file', '--batch-all-objects', '--batch', '--unordered'], { maxBuffer: 1 << 30 });
  const objects = new Map<string, { type: string; body: Buffer }>();
  let at = 0;
  while (at < out.length) {
    const eol = out.indexOf(0x0a, at);
    const [id, type, size] = out.toString('latin1', at, eol).split(' ');
    objects.set(id!, { type: type!, body: out.subarray(eol + 1, eol + 1 + Number(size)) });
    at = eol + 1 + Number(size) + 1;
  }
  return objects;
}

/** Which objects of the store hold an anchor, each read whole: the reference. */
function objectsHoldingAnchors(repo: string): Set<string> {
  const out = execFileSync('git', ['-C', repo, 'cat-file', '--batch-all-objects', '--batch', '--unordered'], { maxBuffer: 1 << 30 });
  const holding = new Set<string>();
  let at = 0;
  while (at < out.length) {
    const eol = out.indexOf(0x0a, at);
    const [id, type, size] = out.toString('latin1', at, eol).split(' ');
    const body = out.subarray(eol + 1, eol + 1 + Number(size));
    at = eol + 1 + Number(size) + 1;
    const anchors = type === 'tree' ? nameAnchors : contentAnchors;
    if (anchors.some((a) => body.includes(a))) holding.add(id!);
  }
  return holding;
}

async function packScan(repo: string, onIndex?: (id: string, index: AnchorIndex) => void, threads = 1): Promise<StoreScan> {
  const result = await scanObjectStore(join(repo, '.git', 'objects'), { ...spec, want: [...spec.want], threads, workersFromBytes: 0, ...(onIndex ? { onIndex } : {}) });
  if ('refused' in result) throw new Error(result.refused);
  return result;
}

/** Text built from anchor pieces, so that git's deltas cut anchors at every kind of boundary. */
function pieceText(rng: Rng, pieces: string[], count: number): string {
  let text = '';
  for (let i = 0; i < count; i++) text += pieces[Math.floor(rng() * pieces.length)]!;
  return text;
}

function piecesOf(rng: Rng): string[] {
  const pieces = ['\n', '"', "'", ' ', 'x', 'word ', 'J', 'F', 'k'];
  for (const anchor of contentAnchors) {
    const text = anchor.toString('latin1');
    for (let cut = 1; cut < text.length; cut++) pieces.push(text.slice(0, cut), text.slice(cut));
  }
  // A few whole anchors too, and filler lines that git copies around them.
  for (let i = 0; i < 4; i++) pieces.push(contentAnchors[Math.floor(rng() * contentAnchors.length)]!.toString('latin1'));
  return pieces;
}

/** A random history of files that change a little at a time, packed hard (long chains), with a second pack and loose objects on top. */
async function randomHistory(seed: number, options: { refDeltas?: boolean } = {}): Promise<string> {
  const rng = seededRng(seed);
  const repo = await tempDir(`keysweep-pack-${seed}-`);
  await initRepo(repo);
  const pieces = piecesOf(rng);
  const files = new Map<string, string>();
  for (let f = 0; f < 3; f++) files.set(`f${f}.txt`, Array.from({ length: 40 }, () => `line ${Math.floor(rng() * 1e6)} ${pieceText(rng, pieces, 6)}\n`).join(''));
  const edit = (text: string) => {
    const at = Math.floor(rng() * text.length);
    const cut = Math.floor(rng() * 12);
    return text.slice(0, at) + pieceText(rng, pieces, 1 + Math.floor(rng() * 3)) + text.slice(at + cut);
  };
  for (let c = 0; c < 24; c++) {
    const changed: Record<string, string> = {};
    for (const [name, text] of files) {
      if (rng() < 0.7) {
        let next = text;
        for (let e = 0; e < 1 + Math.floor(rng() * 4); e++) next = edit(next);
        files.set(name, next);
        changed[name] = next;
      }
    }
    // Messages hold pieces too (commits are scanned), without the NUL bytes git refuses there.
    await commit(repo, changed, `change ${c} ${pieceText(rng, pieces, 2).replace(/\0/g, "")}`, c);
    if (c === 15) git(repo, ['-c', `repack.useDeltaBaseOffset=${options.refDeltas ? 'false' : 'true'}`, 'repack', '-a', '-d', '-f', '--depth=50', '--window=50', '-q']);
    if (c === 20) git(repo, ['repack', '-d', '-q']);
  }
  return repo;
}

describe('pack scan against every object read whole', () => {
  it('flags exactly the objects that hold an anchor, through offset deltas, two packs and loose objects', async () => {
    const repo = await randomHistory(1);
    const scan = await packScan(repo);
    expect(scan.packs).toBe(2);
    expect(scan.unread).toEqual([]);
    const expected = objectsHoldingAnchors(repo);
    expect(expected.size).toBeGreaterThan(0);
    expect(new Set(scan.candidates.map((c) => c.id))).toEqual(expected);
  }, 60_000);

  it('does the same with deltas that name their base by id', async () => {
    const repo = await randomHistory(2, { refDeltas: true });
    const scan = await packScan(repo);
    expect(new Set(scan.candidates.map((c) => c.id))).toEqual(objectsHoldingAnchors(repo));
  }, 60_000);

  it('finds the same split across worker threads by delta family (the workers run the built dist/)', async () => {
    const repo = await randomHistory(4);
    const alone = await packScan(repo);
    const split = await packScan(repo, undefined, 3);
    // Progress from workers: how far the slowest has passed, never back, ending at every entry of both packs.
    const passed: Array<[number, number]> = [];
    await scanObjectStore(join(repo, '.git', 'objects'), { ...spec, want: [...spec.want], threads: 3, workersFromBytes: 0, onProgress: (done, total) => passed.push([done, total]) });
    const entries = Number(git(repo, ['count-objects', '-v']).match(/^in-pack: (\d+)$/m)![1]);
    expect(passed.at(-1)).toEqual([entries, entries]);
    for (let i = 1; i < passed.length; i++) expect(passed[i]![0]).toBeGreaterThanOrEqual(passed[i - 1]![0]);
    const ids = (scan: StoreScan) => ({ counts: scan.counts, candidates: scan.candidates.map((c) => c.id).sort(), commits: scan.ids.commit.sort() });
    expect(ids(split)).toEqual(ids(alone));
    expect(new Set(split.candidates.map((c) => c.id))).toEqual(objectsHoldingAnchors(repo));
  }, 60_000);

  it('counts every object once, by type, as git does', async () => {
    const repo = await randomHistory(3);
    const scan = await packScan(repo);
    const counted = { commit: 0, tree: 0, blob: 0, tag: 0 } as Record<string, number>;
    for (const line of git(repo, ['cat-file', '--batch-all-objects', '--batch-check=%(objecttype)']).trim().split('\n')) counted[line]!++;
    expect(scan.counts).toEqual(counted);
  }, 60_000);

  // The fuzzer: random histories, each compared whole. A failure names its seed, to be replayed. Not only
  // which objects hold an anchor: every object's whole index (each pivot and how far back its tail reads),
  // as the deltas carried it, must equal the index of the object read whole.
  it.each([11, 12, 13, 14, 15, 16])('random history %i', async (seed) => {
    const repo = await randomHistory(seed, { refDeltas: seed % 2 === 0 });
    const objects = everyObject(repo);
    let compared = 0;
    const scan = await packScan(repo, (id, index) => {
      const object = objects.get(id)!;
      const whole = indexWhole(object.body, object.type === 'tree' ? tries.names : tries.content);
      expect({ id, pos: [...index.pos], node: [...index.node], hit: index.hit }).toEqual({ id, pos: [...whole.pos], node: [...whole.node], hit: whole.hit });
      compared++;
    });
    expect(compared).toBeGreaterThanOrEqual(objects.size);
    expect(scan.unread).toEqual([]);
    expect(new Set(scan.candidates.map((c) => c.id))).toEqual(objectsHoldingAnchors(repo));
  }, 60_000);
});
