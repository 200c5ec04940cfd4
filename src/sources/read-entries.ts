import { isUtf8 } from 'node:buffer';
import { type Dirent, readdirSync } from 'node:fs';
import { shownName } from './shown-name.js';

/**
 * A path to open: a string while every name on it is valid UTF-8, the raw bytes once one is not (a string
 * cannot hold such a name, and the lossy one Node decodes names no file).
 */
export type RawPath = string | Buffer;

/** A directory entry: `name` is what reports show and gitignore matches; `bytes` is set only for a name that is not UTF-8. */
export type Entry = { name: string; bytes?: Buffer; isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean };

/**
 * The entries of a directory. Node decodes names as UTF-8 with U+FFFD in place of what is not, so only a
 * listing with U+FFFD in it is read again as bytes: reading every directory as bytes allocated a Buffer per
 * name and made the walk half as slow again (measured on the bench trees); this costs a substring check a name.
 */
export function readEntries(dir: RawPath): Entry[] {
  const entries = readdirSync(dir, { withFileTypes: true });
  if (!entries.some((entry) => entry.name.includes('\ufffd'))) return entries;
  return readdirSync(dir, { withFileTypes: true, encoding: 'buffer' }).map(byteNamed);
}

function byteNamed(dirent: Dirent<Buffer>): Entry {
  // A name can hold U+FFFD as valid UTF-8: it shows as itself and opens by its string, like any valid name.
  return {
    name: shownName(dirent.name),
    bytes: isUtf8(dirent.name) ? undefined : dirent.name,
    isFile: () => dirent.isFile(),
    isDirectory: () => dirent.isDirectory(),
    isSymbolicLink: () => dirent.isSymbolicLink(),
  };
}

/** `dir/name`: joined as a string while both are text, as bytes once either is not. */
export function childPath(dir: RawPath, entry: Pick<Entry, 'name' | 'bytes'>): RawPath {
  // A listed name is never empty, `.`, `..` or holds a `/`: joining needs no normalising (path.join cost a
  // tenth of a small-file walk).
  if (typeof dir === 'string' && entry.bytes === undefined) return dir.endsWith('/') ? `${dir}${entry.name}` : `${dir}/${entry.name}`;
  const head = typeof dir === 'string' ? Buffer.from(dir) : dir;
  const tail = entry.bytes ?? Buffer.from(entry.name);
  const slash = head[head.length - 1] === 0x2f ? 0 : 1;
  // Buffer.alloc, not concat: concat may hand out a slice of the shared pool, and posting a slice to a
  // worker thread copies the whole pool with it.
  const path = Buffer.alloc(head.length + slash + tail.length);
  head.copy(path, 0);
  if (slash) path[head.length] = 0x2f;
  tail.copy(path, head.length + slash);
  return path;
}
