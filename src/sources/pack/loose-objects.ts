import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { constants as zlibConstants, inflateSync } from 'node:zlib';
import { type AnchorIndex, indexWhole } from './anchor-index.js';
import { buildAnchorTrie } from './anchor-trie.js';
import { zlibBound } from './inflate-entry.js';
import { openPackFile } from './pack-entry.js';
import type { EntryScanSpec, ObjectType } from './index-entries.js';
import { type PackScanResult, emptyScanResult } from './scan-pack.js';

const TYPES = new Set(['commit', 'tree', 'blob', 'tag']);

/**
 * Scans the loose objects (`objects/xx/<rest of id>`, regular files: the caller checked): each is one zlib
 * stream of `type size\0content`, stored whole. The header is read first, so an object over the size limit
 * is never inflated. `inPack(id)`: already counted from a pack.
 */
export function scanLooseObjects(objectsDir: string, spec: EntryScanSpec, inPack: (id: string) => boolean, onIndex?: (id: string, index: AnchorIndex) => void): PackScanResult {
  const result = emptyScanResult();
  const tries = { content: buildAnchorTrie(spec.anchors.content), names: buildAnchorTrie(spec.anchors.names) };
  for (const fan of readdirSync(objectsDir).filter((name) => /^[0-9a-f]{2}$/.test(name))) {
    for (const rest of readdirSync(join(objectsDir, fan))) {
      if (!/^[0-9a-f]{38}$/.test(rest)) continue;
      const id = fan + rest;
      // Also in a pack: counted there; this copy is still searched, since a hostile store can hold other bytes under the same id.
      const counted = !inPack(id);
      const path = join(objectsDir, fan, rest);
      const header = looseHeader(path);
      if (typeof header === 'string') {
        result.unread.push({ id, reason: `loose object: ${header}` });
        continue;
      }
      const { type, size } = header;
      if (!spec.want.includes(type)) continue;
      if (counted) {
        result.counts[type]++;
        if (spec.collect.includes(type)) result.ids[type].push(id);
      }
      const object = { id, type, size };
      if (size > spec.maxSize) {
        if (counted) result.oversize.push(object);
        continue;
      }
      let data: Buffer;
      try {
        // Never more than a stream of this size can need: a loose file padded to gigabytes is not read whole.
        data = inflateSync(readPrefix(path, zlibBound(size + 32)), { maxOutputLength: size + 64 });
      } catch (error) {
        result.unread.push({ id, reason: `loose object: ${(error as Error).message}` });
        continue;
      }
      const body = data.subarray(data.indexOf(0) + 1);
      if (body.length !== size) {
        result.unread.push({ id, reason: `loose object: ${body.length} bytes, not the ${size} its header declares` });
        continue;
      }
      const index = indexWhole(body, type === 'tree' ? tries.names : tries.content);
      onIndex?.(id, index);
      const prefix = spec.readIfStartsWith;
      const small = counted && type === 'blob' && size < spec.readBlobsBelow && (prefix === undefined || body.subarray(0, prefix.length).equals(prefix));
      if (index.hit || small) result.candidates.push(object);
    }
  }
  return result;
}

/** At most `max` bytes from the start of a regular file (no symlink followed, no FIFO waited on). */
function readPrefix(path: string, max: number): Buffer {
  const file = openPackFile(path);
  try {
    return file.pread(0, max);
  } finally {
    file.close();
  }
}

/** The type and size a loose object declares, from its first compressed bytes; or why it cannot be read. */
function looseHeader(path: string): { type: ObjectType; size: number } | string {
  let start: Buffer;
  try {
    // A dynamic Huffman block's tables come before any output and take up to about 320 bytes: 1 KiB
    // reaches the header of whatever zlib writes. A stranger stream (hundreds of empty blocks first) is
    // left to git as damaged, like any header not found.
    start = readPrefix(path, 1024);
  } catch (error) {
    return (error as Error).message;
  }
  let head: Buffer;
  try {
    head = inflateSync(start, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
  } catch (error) {
    return (error as Error).message;
  }
  const nul = head.indexOf(0);
  if (nul === -1) return 'damaged header';
  const [typeName, sizeText] = head.subarray(0, nul).toString('latin1').split(' ');
  const size = Number(sizeText);
  if (!TYPES.has(typeName!) || !/^\d+$/.test(sizeText ?? '') || !Number.isSafeInteger(size)) return 'damaged header';
  return { type: typeName as ObjectType, size };
}
