import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { scanLooseObjects } from './loose-objects.js';
import { openPackFile } from './pack-entry.js';
import { UnreadablePackError, parsePackIndex } from './pack-index-file.js';
import { type PackScanOptions, type PackScanResult, scanPack } from './scan-pack.js';

export type StoreScan = PackScanResult & { packs: number };
/** Why the store cannot be read at the delta level: the caller reads every object through git instead, and says why. */
function hasLooseObjects(objectsDir: string): boolean {
  return readdirSync(objectsDir).some((fan) => /^[0-9a-f]{2}$/.test(fan) && readdirSync(join(objectsDir, fan)).length > 0);
}

export type StoreScanRefusal = { refused: string };

/**
 * Scans an object store (`objects/`): every pack with its index, then the loose objects, each object id
 * once. A store this reader does not fully understand is refused as a whole (alternates, an unreadable
 * index), never half-read.
 */
export async function scanObjectStore(objectsDir: string, options: Omit<PackScanOptions, 'firstSight'>): Promise<StoreScan | StoreScanRefusal> {
  const alternates = join(objectsDir, 'info', 'alternates');
  if (existsSync(alternates) && readFileSync(alternates, 'utf8').trim() !== '') return { refused: 'objects borrowed from another repository (objects/info/alternates)' };
  const packDir = join(objectsDir, 'pack');
  const names = existsSync(packDir) ? readdirSync(packDir).filter((name) => name.endsWith('.idx')).sort() : [];
  // One pack and nothing loose: its index lists each id once, so nothing needs remembering.
  const seen = new Set<string>();
  const single = names.length <= 1 && !hasLooseObjects(objectsDir);
  const firstSight = single
    ? undefined
    : (id: string) => {
        if (seen.has(id)) return false;
        seen.add(id);
        return true;
      };
  const total: StoreScan = { counts: { commit: 0, tree: 0, blob: 0, tag: 0 }, candidates: [], oversize: [], unread: [], packs: 0 };
  const add = (part: PackScanResult) => {
    for (const type of ['commit', 'tree', 'blob', 'tag'] as const) total.counts[type] += part.counts[type];
    total.candidates.push(...part.candidates);
    total.oversize.push(...part.oversize);
    total.unread.push(...part.unread);
  };
  for (const name of names) {
    const packPath = join(packDir, `${name.slice(0, -4)}.pack`);
    // git ignores an index without its pack (a pack being written, or removed).
    if (!existsSync(packPath) || !statSync(packPath).isFile()) continue;
    let index;
    try {
      index = parsePackIndex(readFileSync(join(packDir, name)), name);
    } catch (error) {
      if (error instanceof UnreadablePackError) return { refused: error.message };
      throw error;
    }
    const pack = openPackFile(packPath);
    try {
      const head = pack.range(0, 12);
      if (head.length < 12 || head.toString('latin1', 0, 4) !== 'PACK' || head.readUInt32BE(8) !== index.count) return { refused: `${name}: pack header does not match its index` };
      add(await scanPack(pack, index, { ...options, ...(firstSight ? { firstSight } : {}) }));
      total.packs++;
    } finally {
      pack.close();
    }
  }
  add(scanLooseObjects(objectsDir, { ...options, ...(firstSight ? { firstSight } : {}) }));
  return total;
}
