import { lstatSync, readdirSync } from 'node:fs';
import { ScanError } from '../../core/errors.js';
import { join } from 'node:path';
import { scanLooseObjects } from './loose-objects.js';
import { NotRegularFileError, openPackFile } from './pack-entry.js';
import { type PackIndex, UnreadablePackError, findInIndex, parsePackIndex } from './pack-index-file.js';
import { type PackScanOptions, type PackScanResult, emptyScanResult, scanPack } from './scan-pack.js';

export type StoreScan = PackScanResult & { packs: number };
/** Why the store cannot be read at the delta level: the caller reads every object through git instead, and says why. */
export type StoreScanRefusal = { refused: string };

/**
 * Scans an object store (`objects/`): every pack with its index, then the loose objects, each object id
 * counted once. A store this reader does not fully understand is refused as a whole (alternates, an
 * unreadable index, anything but regular files where objects live), never half-read.
 */
export async function scanObjectStore(objectsDir: string, options: PackScanOptions): Promise<StoreScan | StoreScanRefusal> {
  try {
    return await scanStore(objectsDir, options);
  } catch (error) {
    // A file that vanished or cannot be opened under this reader: git reads the store instead (and reports it).
    if (error instanceof NotRegularFileError) return { refused: error.message.replace(`${objectsDir}/`, 'objects/') };
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return { refused: `${code} reading the object store` };
    throw error;
  }
}

/** A whole file of the store, opened as a regular file only (see openPackFile). */
function readWhole(path: string): Buffer {
  const file = openPackFile(path);
  try {
    return file.pread(0, file.size);
  } finally {
    file.close();
  }
}

/** What sits at `path` (never following a symlink): a regular file, a directory, nothing, or something else. */
function kindOf(path: string): 'file' | 'dir' | 'none' | 'symlink' | 'special' {
  const stat = lstatSync(path, { throwIfNoEntry: false });
  if (!stat) return 'none';
  return stat.isFile() ? 'file' : stat.isDirectory() ? 'dir' : stat.isSymbolicLink() ? 'symlink' : 'special';
}

/**
 * A FIFO, socket or device where git keeps objects would make any reader, git included, wait forever or
 * read without end: the scan stops there with exit 2 rather than hang. A symlink is left to git.
 */
function refuseOdd(path: string, shown: string): StoreScanRefusal | null {
  const kind = kindOf(path);
  if (kind === 'special') throw new ScanError(`${shown} in the object store is neither a file nor a directory (a FIFO, socket or device): not scanning a store that can block every reader`);
  return kind === 'symlink' ? { refused: `${shown} is not a regular file` } : null;
}

async function scanStore(objectsDir: string, options: PackScanOptions): Promise<StoreScan | StoreScanRefusal> {
  const alternates = join(objectsDir, 'info', 'alternates');
  const alternatesKind = kindOf(alternates);
  if (alternatesKind !== 'none' && (alternatesKind !== 'file' || readWhole(alternates).toString('utf8').trim() !== '')) return { refused: 'objects borrowed from another repository (objects/info/alternates)' };
  const packDir = join(objectsDir, 'pack');
  const packDirKind = kindOf(packDir);
  if (packDirKind !== 'none' && packDirKind !== 'dir') return refuseOdd(packDir, 'objects/pack') ?? { refused: 'objects/pack is not a directory' };
  const names = packDirKind === 'dir' ? readdirSync(packDir).filter((name) => name.endsWith('.idx')).sort() : [];
  for (const name of names) {
    for (const file of [name, `${name.slice(0, -4)}.pack`]) {
      const path = join(packDir, file);
      const kind = kindOf(path);
      if (kind === 'dir') return { refused: `objects/pack/${file} is not a regular file` };
      const odd = refuseOdd(path, `objects/pack/${file}`);
      if (odd) return odd;
    }
  }
  const odd = oddLooseEntry(objectsDir);
  if (odd !== null) return odd;
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
  // Every index first: the progress total is the sum of their counts.
  const indexes: Array<{ name: string; packPath: string; index: PackIndex }> = [];
  for (const name of names) {
    const packPath = join(packDir, `${name.slice(0, -4)}.pack`);
    // git ignores an index without its pack (a pack being written, or removed).
    if (kindOf(packPath) === 'none' || kindOf(join(packDir, name)) === 'none') continue;
    try {
      indexes.push({ name, packPath, index: parsePackIndex(readWhole(join(packDir, name)), name) });
    } catch (error) {
      if (error instanceof UnreadablePackError) return { refused: error.message };
      throw error;
    }
  }
  const entries = indexes.reduce((sum, { index }) => sum + index.count, 0);
  let before = 0;
  const scanned: PackIndex[] = [];
  const inScanned = (id: Buffer) => scanned.some((index) => findInIndex(index, id) !== -1);
  for (const { name, packPath, index } of indexes) {
    const pack = openPackFile(packPath);
    try {
      const head = pack.range(0, 12);
      if (head.length < 12 || head.toString('latin1', 0, 4) !== 'PACK' || head.readUInt32BE(8) !== index.count) return { refused: `${name}: pack header does not match its index` };
      // An object in two packs (after an incremental repack) is counted from the first.
      const duplicate = scanned.length === 0 ? null : Uint8Array.from({ length: index.count }, (_, i) => (inScanned(index.ids.subarray(i * 20, (i + 1) * 20)) ? 1 : 0));
      const onProgress = options.onProgress ? (passed: number) => options.onProgress!(before + passed, entries) : undefined;
      add(await scanPack(packPath, pack, index, { ...options, ...(onProgress ? { onProgress } : {}) }, duplicate));
      before += index.count;
      scanned.push(index);
      total.packs++;
    } finally {
      pack.close();
    }
  }
  const { threads: _threads, workersFromBytes: _from, onIndex, onProgress: _progress, ...spec } = options;
  add(scanLooseObjects(objectsDir, spec, (id) => inScanned(Buffer.from(id, 'hex')), onIndex));
  return total;
}

/** The refusal for the first entry under objects/xx/ that is not a regular file: a hostile store can hold a symlink or a FIFO where an object should be. */
function oddLooseEntry(objectsDir: string): StoreScanRefusal | null {
  for (const fan of readdirSync(objectsDir)) {
    if (!/^[0-9a-f]{2}$/.test(fan)) continue;
    const dir = join(objectsDir, fan);
    if (kindOf(dir) !== 'dir') return refuseOdd(dir, `objects/${fan}`) ?? { refused: `objects/${fan} is not a directory` };
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const kind = kindOf(path);
      if (kind === 'file') continue;
      return refuseOdd(path, `objects/${fan}/${name}`) ?? { refused: `objects/${fan}/${name} is not a regular file` };
    }
  }
  return null;
}
