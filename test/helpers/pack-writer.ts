import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

/** Builds packs and v2 indexes byte by byte, so tests can hand the pack reader what git would never write. */

const TYPES = { commit: 1, tree: 2, blob: 3, tag: 4 } as const;
export type ObjectKind = keyof typeof TYPES;

/** An entry header: type and inflated size, 4 bits then 7 at a time. */
export function entryHeader(type: number, size: number): Buffer {
  const out: number[] = [];
  let c = (type << 4) | (size & 15);
  let rest = Math.floor(size / 16);
  while (rest > 0) {
    out.push(c | 0x80);
    c = rest & 0x7f;
    rest = Math.floor(rest / 128);
  }
  out.push(c);
  return Buffer.from(out);
}

/** An OFS_DELTA's distance back to its base, as git encodes it. */
export function baseDistance(distance: number): Buffer {
  const out = [distance & 0x7f];
  let rest = Math.floor(distance / 128);
  while (rest > 0) {
    rest -= 1;
    out.unshift(0x80 | (rest & 0x7f));
    rest = Math.floor(rest / 128);
  }
  return Buffer.from(out);
}

export function deltaVarint(n: number): Buffer {
  const out: number[] = [];
  let rest = n;
  for (;;) {
    const b = rest & 0x7f;
    rest = Math.floor(rest / 128);
    if (rest > 0) out.push(b | 0x80);
    else {
      out.push(b);
      return Buffer.from(out);
    }
  }
}

export function copyOp(offset: number, size: number): Buffer {
  let op = 0x80;
  const args: number[] = [];
  for (let i = 0; i < 4; i++) {
    const byte = Math.floor(offset / 2 ** (8 * i)) & 0xff;
    if (byte) {
      op |= 1 << i;
      args.push(byte);
    }
  }
  for (let i = 0; i < 3; i++) {
    const byte = Math.floor(size / 2 ** (8 * i)) & 0xff;
    if (byte) {
      op |= 0x10 << i;
      args.push(byte);
    }
  }
  return Buffer.from([op, ...args]);
}

export function insertOp(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; i < data.length; i += 127) parts.push(Buffer.from([Math.min(127, data.length - i)]), data.subarray(i, i + 127));
  return Buffer.concat(parts);
}

export function objectId(kind: ObjectKind, data: Buffer): Buffer {
  return createHash('sha1').update(`${kind} ${data.length}\0`).update(data).digest();
}

export function wholeEntry(kind: ObjectKind, data: Buffer): Buffer {
  return Buffer.concat([entryHeader(TYPES[kind], data.length), deflateSync(data)]);
}

/** A delta entry over the entry `distance` bytes back: header, distance, then the zlib'd delta. */
export function ofsDeltaEntry(distance: number, delta: Buffer): Buffer {
  return Buffer.concat([entryHeader(6, delta.length), baseDistance(distance), deflateSync(delta)]);
}

/** Writes `<base>.pack` and `<base>.idx`; `entries` in pack order. Returns each entry's offset. */
export function writePack(base: string, entries: Array<{ id: Buffer; raw: Buffer }>): number[] {
  const parts: Buffer[] = [Buffer.from('PACK'), Buffer.from([0, 0, 0, 2]), Buffer.alloc(4)];
  parts[2]!.writeUInt32BE(entries.length);
  const offsets: number[] = [];
  let at = 12;
  for (const entry of entries) {
    offsets.push(at);
    parts.push(entry.raw);
    at += entry.raw.length;
  }
  const body = Buffer.concat(parts);
  const sum = createHash('sha1').update(body).digest();
  writeFileSync(`${base}.pack`, Buffer.concat([body, sum]));
  writeIndex(`${base}.idx`, entries.map((e, i) => ({ id: e.id, offset: offsets[i]! })), sum);
  return offsets;
}

export function writeIndex(path: string, pairs: Array<{ id: Buffer; offset: number }>, packSum: Buffer): void {
  const sorted = [...pairs].sort((a, b) => Buffer.compare(a.id, b.id));
  const fan = new Array<number>(256).fill(0);
  for (const { id } of sorted) fan[id[0]!]!++;
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n >>> 0);
    return b;
  };
  const parts: Buffer[] = [Buffer.from([0xff, 0x74, 0x4f, 0x63]), u32(2)];
  let acc = 0;
  for (let b = 0; b < 256; b++) parts.push(u32((acc += fan[b]!)));
  for (const { id } of sorted) parts.push(id);
  for (let i = 0; i < sorted.length; i++) parts.push(u32(0));
  for (const { offset } of sorted) parts.push(u32(offset));
  parts.push(packSum);
  const body = Buffer.concat(parts);
  writeFileSync(path, Buffer.concat([body, createHash('sha1').update(body).digest()]));
}

/** A zlib stream's Adler-32 trailer for `bytes`, computed here (RFC 1950), not by the code under test. */
export function adler32BE(bytes: Buffer): Buffer {
  let a = 1;
  let b = 0;
  for (const byte of bytes) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  const out = Buffer.alloc(4);
  out.writeUInt32BE(((b << 16) | a) >>> 0);
  return out;
}
