import { createHash } from 'node:crypto';

export type Shard = { index: number; count: number };

/** Parses `I/N` (1-based): shard I of N. */
export function parseShard(text: string): Shard | null {
  const m = /^(\d{1,4})\/(\d{1,4})$/.exec(text);
  if (!m) return null;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return index >= 1 && count >= 1 && index <= count ? { index, count } : null;
}

/** Whether a repository belongs to this shard: a stable hash of its identity, the same on every machine. */
export function inShard(identity: string, shard: Shard): boolean {
  const bucket = createHash('sha256').update(identity).digest().readUInt32BE(0) % shard.count;
  return bucket === shard.index - 1;
}
