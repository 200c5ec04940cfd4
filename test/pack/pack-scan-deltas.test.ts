import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, git, initRepo } from '../../fixtures/git-fixture.js';
import { ALNUM, randomString, seededRng } from '../../fixtures/random.js';
import { historyAnchors } from '../../src/detect/history-anchors.js';
import { loadBuiltinRules } from '../../src/rules/load-rules.js';
import { scanObjectStore } from '../../src/sources/pack/scan-object-store.js';
import { tempDir } from '../helpers/temp-dir.js';

const rules = loadBuiltinRules();
const anchors = historyAnchors(rules);
/** The reference: whether the text, read whole, holds an anchor. */
const holds = (text: string) => anchors.some((a) => Buffer.from(text, 'latin1').includes(a));
const marker = rules.marker.toString('latin1');
const rng = seededRng(1307);
/** Text git will copy: long lines with nothing of the marker in them. */
const filler = (lines: number) => Array.from({ length: lines }, () => `${randomString(rng, ALNUM.replace(/[JZQGBY6]/g, ''), 70)}\n`).join('');

/** Blob ids of the versions, and the ids the pack scan flags, after packing with deltas. */
async function packed(versions: string[]): Promise<{ ids: string[]; flagged: Set<string> }> {
  const repo = await tempDir('keysweep-pack-delta-');
  await initRepo(repo);
  const ids: string[] = [];
  for (const [i, text] of versions.entries()) {
    await commit(repo, { 'file.txt': text }, `version ${i}`, i);
    ids.push(git(repo, ['rev-parse', 'HEAD:file.txt']).trim());
  }
  git(repo, ['repack', '-a', '-d', '-f', '--depth=50', '--window=10', '-q']);
  const result = await scanObjectStore(join(repo, '.git', 'objects'), { anchors: { content: anchors, names: anchors }, want: ['blob'], maxSize: Infinity, readBlobsBelow: 0, collect: [], threads: 1 });
  if ('refused' in result) throw new Error(result.refused);
  expect(result.unread).toEqual([]);
  return { ids, flagged: new Set(result.candidates.map((c) => c.id)) };
}

const A = filler(30);
const B = filler(30);
const C = filler(30);
const cut = (k: number) => [marker.slice(0, k), marker.slice(k)] as const;

describe('pack scan: the marker in every delta situation', () => {
  it('whole in one version, inserted later, and copied on with a change elsewhere (depth 1 and 2)', async () => {
    const v0 = A + B;
    const v1 = `${A}key ${marker} here\n${B}`;
    const v2 = `${v1.slice(0, 10)}#${v1.slice(11)}`;
    const v3 = `${v2.slice(0, 20)}#${v2.slice(21)}`;
    const { ids, flagged } = await packed([v0, v1, v2, v3]);
    expect(ids.map((id) => flagged.has(id))).toEqual([false, true, true, true]);
  });

  it('split as copy + insert and insert + copy', async () => {
    const [head, tail] = cut(5);
    const base = `${A}${head}zzzz${B}${'yyyy'}${tail}${C}`;
    const copyInsert = `${A}${head}${tail}${B}yyyy${tail}${C}`.replace(`yyyy${tail}`, 'yyyy');
    const insertCopy = `${A}zz${B}${head}${tail}${C}`;
    const { ids, flagged } = await packed([base, copyInsert, insertCopy]);
    expect(ids.map((id) => flagged.has(id))).toEqual([base, copyInsert, insertCopy].map(holds));
    expect(flagged.has(ids[1]!) && flagged.has(ids[2]!)).toBe(true);
  });

  it('split as copy + copy from two places of the base, and copy + insert + copy', async () => {
    for (const k of [1, 3, 4, 6, 7]) {
      const [head, tail] = cut(k);
      const base = `${A}${head}\n${B}\n${tail}${C}`;
      const copyCopy = `${A}${head}${tail}${C}`;
      const middle = marker.slice(Math.max(1, k - 1), Math.min(marker.length - 1, k + 1));
      const sandwich = `${A}${marker.slice(0, Math.max(1, k - 1))}${'#'.repeat(middle.length)}${marker.slice(Math.min(marker.length - 1, k + 1))}${C}`;
      const fixed = sandwich.replace('#'.repeat(middle.length), middle);
      const { ids, flagged } = await packed([base, copyCopy, sandwich, fixed]);
      expect(ids.map((id) => flagged.has(id)), `cut after ${k}`).toEqual([base, copyCopy, sandwich, fixed].map(holds));
      expect(flagged.has(ids[1]!) && flagged.has(ids[3]!), `cut after ${k}`).toBe(true);
    }
  }, 60_000);
});
