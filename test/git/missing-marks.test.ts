import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { missingIdsIn } from '../../src/sources/git/history-source.js';
import { dropMissingMarks } from '../../src/sources/git/stream-objects.js';

async function through(chunks: string[]): Promise<string> {
  const out: Buffer[] = [];
  for await (const chunk of Readable.from(chunks.map((c) => Buffer.from(c))).pipe(dropMissingMarks())) out.push(chunk as Buffer);
  return Buffer.concat(out).toString('latin1');
}

describe('missing objects in git output', () => {
  it('rev-list --missing=print marks become plain ids for cat-file, across any chunking', async () => {
    const a = 'a'.repeat(40);
    const b = 'b'.repeat(40);
    expect(await through([`${a}\n?${b}\n`])).toBe(`${a}\n${b}\n`);
    expect(await through([`${a}\n`, '?', `${b}\n`])).toBe(`${a}\n${b}\n`);
    expect(await through([`${a}\n`])).toBe(`${a}\n`);
  });

  it('names the objects git says it could not read', () => {
    const c = 'c'.repeat(40);
    const d = 'd'.repeat(40);
    const e = 'e'.repeat(64);
    const stderr = `error: Could not read ${c}\nfatal: Failed to traverse parents of commit ${'f'.repeat(40)}\nfatal: bad object ${d}\nerror: missing blob ${e}\n`;
    expect(missingIdsIn(stderr)).toEqual([c, d, e]);
    expect(missingIdsIn('fatal: not a git repository')).toEqual([]);
  });
});
