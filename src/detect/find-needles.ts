/**
 * Every occurrence of a few fixed strings (the marker's encoded forms). Each needle is searched by a probe:
 * a few bytes of it that start at its rarest byte. Node's `indexOf` for a pattern that short scans with
 * memchr for the first byte and checks the rest in C++, so a probe that starts at a rare byte runs near
 * memory speed; the rest of the needle is checked per probe hit. A long needle, or one that starts at a
 * common letter, runs an order of magnitude slower. Linear either way.
 */

/** Bytes from rarest to most common in source code and config text; anything not listed counts as common. */
const RARITY = 'QZXJKVYWUqGBHzFMPjONxDLRCIkvAwTEyS9786gb543fp2m1u0hcdlornsiate';
const rank = new Float64Array(256).fill(RARITY.length);
for (let i = 0; i < RARITY.length; i++) rank[RARITY.charCodeAt(i)] = i;
/** Longer probes make Node switch to Boyer-Moore-Horspool, which is slower on these short patterns. */
const PROBE_LENGTH = 5;

export type NeedleHit = { needle: number; at: number };
type Probe = { needle: number; bytes: Buffer; offset: number; probe: Buffer };
export type NeedleSet = { needles: readonly Buffer[]; probes: readonly Probe[] };

export function createNeedleSet(needles: readonly Buffer[]): NeedleSet {
  return { needles, probes: probesFor(needles, rank) };
}

/** Each needle's probe: up to five bytes from its rarest byte by `cost` (lower is rarer). */
function probesFor(needles: readonly Buffer[], cost: ArrayLike<number>): Probe[] {
  return needles.map((bytes, needle) => {
    let offset = 0;
    for (let i = 1; i < bytes.length; i++) if (cost[bytes[i]!]! < cost[bytes[offset]!]!) offset = i;
    return { needle, bytes, offset, probe: bytes.subarray(offset, offset + PROBE_LENGTH) };
  });
}

/** Past this size a buffer's own bytes choose the probes: a sample costs less than a pass on a common byte. */
const SAMPLE_FROM = 1 << 16;
const SAMPLE_STEP = 127;

function probesIn(bytes: Buffer, set: NeedleSet): readonly Probe[] {
  if (bytes.length < SAMPLE_FROM) return set.probes;
  const counts = new Float64Array(256);
  for (let i = 0; i < bytes.length; i += SAMPLE_STEP) counts[bytes[i]!]!++;
  // Bytes the sample never saw are ordered by the static table.
  for (let b = 0; b < 256; b++) counts[b] = counts[b]! + rank[b]! / 1024;
  return probesFor(set.needles, counts);
}

/** All hits, in order of position (then needle). `limit` stops early: 1 answers "is any needle here?". */
export function findNeedles(bytes: Buffer, set: NeedleSet, limit = Infinity): NeedleHit[] {
  const hits: NeedleHit[] = [];
  search: for (const p of probesIn(bytes, set)) {
    for (let i = bytes.indexOf(p.probe); i !== -1; i = bytes.indexOf(p.probe, i + 1)) {
      const at = i - p.offset;
      if (!startsAt(bytes, p.bytes, at)) continue;
      hits.push({ needle: p.needle, at });
      if (hits.length >= limit) break search;
    }
  }
  if (set.needles.length > 1) hits.sort((a, b) => a.at - b.at || a.needle - b.needle);
  return hits;
}

function startsAt(bytes: Buffer, needle: Buffer, at: number): boolean {
  if (at < 0 || at + needle.length > bytes.length) return false;
  for (let k = 0; k < needle.length; k++) if (bytes[at + k] !== needle[k]) return false;
  return true;
}
