import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CatFileObject, parseCatFileBatch } from '../../src/sources/git/object-stream-parser.js';

type Item = { id: string; type: string; body: Buffer } | { id: string; missing: true };

/** What `git cat-file --batch` would print for these objects. */
function batchOutput(items: Item[]): Buffer {
  return Buffer.concat(
    items.map((item) =>
      'missing' in item ? Buffer.from(`${item.id} missing\n`) : Buffer.concat([Buffer.from(`${item.id} ${item.type} ${item.body.length}\n`), item.body, Buffer.from('\n')]),
    ),
  );
}

async function parse(chunks: Buffer[], want: (type: string, size: number) => boolean) {
  const out: Array<{ id: string; type: string; size: number; bytes: string | null }> = [];
  async function* source() {
    yield* chunks;
  }
  for await (const o of parseCatFileBatch(source(), want) as AsyncGenerator<CatFileObject>) {
    // Copy now: a yielded body is only valid until the next pull.
    out.push({ id: o.id, type: o.type, size: o.size, bytes: o.bytes === null ? null : o.bytes.toString('latin1') });
  }
  return out;
}

function split(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let last = 0;
  for (const p of [...points, bytes.length]) {
    if (p > last) chunks.push(Buffer.from(bytes.subarray(last, p)));
    last = p;
  }
  return chunks;
}

const hex = fc.stringMatching(/^[0-9a-f]{40}$/);
const item: fc.Arbitrary<Item> = fc.oneof(
  fc.record({ id: hex, type: fc.constantFrom('blob', 'commit', 'tag', 'tree'), body: fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)) }),
  fc.record({ id: hex, missing: fc.constant(true as const) }),
);

describe('the cat-file --batch parser', () => {
  it('yields every object whole, in order, however the stream is cut into chunks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(item, { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 30 }), fc.nat({ max: 200 }), async (items, cuts, limit) => {
        const want = (type: string, size: number) => type === 'blob' && size <= limit;
        const parsed = await parse(split(batchOutput(items), cuts), want);
        const expected = items.map((i) =>
          'missing' in i
            ? { id: i.id, type: 'missing', size: 0, bytes: null }
            : { id: i.id, type: i.type, size: i.body.length, bytes: want(i.type, i.body.length) ? i.body.toString('latin1') : null },
        );
        expect(parsed).toEqual(expected);
      }),
      { numRuns: 300, seed: 88 },
    );
  });

  it('a stream that ends inside an object is an error, not a shorter history', async () => {
    const whole = batchOutput([{ id: 'a'.repeat(40), type: 'blob', body: Buffer.from('hello world') }]);
    await expect(parse([whole.subarray(0, whole.length - 5)], () => true)).rejects.toThrow(new RegExp(`ended in the middle of blob ${'a'.repeat(40)}`));
    await expect(parse([Buffer.from(`${'b'.repeat(40)} blob 5`)], () => true)).rejects.toThrow(/ended in the middle of an object header/);
  });
});
