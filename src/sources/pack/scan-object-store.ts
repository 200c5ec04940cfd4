import { existsSync, lstatSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { scanLooseObjects } from './loose-objects.js';
import { openPackFile } from './pack-entry.js';
import { UnreadablePackError, parsePackIndex } from './pack-index-file.js';
import { type PackScanOptions, type PackScanResult, emptyScanResult, scanPack } from './scan-pack.js';

export type StoreScan = PackScanResult & { packs: number };
/** Why the store cannot be read at the delta level: the caller reads every object through git instead, and says why. */
export type StoreScanRefusal = { refused: string };

/**
 * Whether anything is loose, and the first entry that is not a regular file: a hostile store can hold a
 * symlink or a FIFO where an object should be, and this reader opens nothing but regular files.
 */
function looseEntries(objectsDir: string): { any: boolean; odd: string | null } {
  let any = false;
  for (const fan of readdirSync(objectsDir)) {
    if (!/^[0-9a-f]{2}$/.test(fan)) continue;
    const dir = join(objectsDir, fan);
    if (!lstatSync(dir).isDirectory()) return { any, odd: fan };
    for (const name of readdirSync(dir)) {
      any = true;
      if (!lstatSync(join(dir, name)).isFile()) return { any, odd: `${fan}/${name}` };
    }
  }
  return { any, odd: null };
}

/**
 * Scans an object store (`objects/`): every pack with its index, then the loose objects, each object id
 * once. A store this reader does not fully understand is refused as a whole (alternates, an unreadable
 * index), never half-read.
 */
export async function scanObjectStore(objectsDir: string, options: Omit<PackScanOptions, 'firstSight'>): Promise<StoreScan | StoreScanRefusal> {
  const alternates = join(objectsDir, 'info', 'alternates');
  if (existsSync(alternates) && (!lstatSync(alternates).isFile() || readFileSync(alternates, 'utf8').trim() !== '')) return { refused: 'objects borrowed from another repository (objects/info/alternates)' };
  const packDir = join(objectsDir, 'pack');
  if (existsSync(packDir) && !lstatSync(packDir).isDirectory()) return { refused: 'objects/pack is not a directory' };
  const names = existsSync(packDir) ? readdirSync(packDir).filter((name) => name.endsWith('.idx')).sort() : [];
  for (const name of names) {
    for (const file of [name, `${name.slice(0, -4)}.pack`]) {
      const path = join(packDir, file);
      if (existsSync(path) && !lstatSync(path).isFile()) return { refused: `objects/pack/${file} is not a regular file` };
    }
  }
  const loose = looseEntries(objectsDir);
  if (loose.odd !== null) return { refused: `objects/${loose.odd} is not a regular file` };
  // One pack and nothing loose: its index lists each id once, so nothing needs remembering.
  const seen = new Set<string>();
  const single = names.length <= 1 && !loose.any;
  const firstSight = single
    ? undefined
    : (id: string) => {
        if (seen.has(id)) return false;
        seen.add(id);
        return true;
      };
  const total: StoreScan = { ...emptyScanResult(), packs: 0 };
  const add = (part: PackScanResult) => {
    for (const type of ['commit', 'tree', 'blob', 'tag'] as const) {
      total.counts[type] += part.counts[type];
      total.ids[type] = total.ids[type].concat(part.ids[type]);
    }
    // concat, not push(...): a pack can hold more objects than a call takes arguments.
    total.candidates = total.candidates.concat(part.candidates);
    total.oversize = total.oversize.concat(part.oversize);
    total.unread = total.unread.concat(part.unread);
  };
  for (const name of names) {
    const packPath = join(packDir, `${name.slice(0, -4)}.pack`);
    // git ignores an index without its pack (a pack being written, or removed).
    if (!existsSync(packPath)) continue;
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
