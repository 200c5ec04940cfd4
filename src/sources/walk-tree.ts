import { join } from 'node:path';
import { errorCode } from '../core/error-code.js';
import { ScanError } from '../core/errors.js';
import type { Problem, SkipReason, SourceBlob } from '../core/types.js';
import { type GitignoreLayers, NO_GITIGNORE, isGitignored, withGitignore } from './gitignore-layers.js';
import type { NameScan } from './name-scan.js';
import { type Entry, type RawPath, childPath, readEntries } from './read-entries.js';
import { type SyncReader, createSyncReader } from './read-bounded-sync.js';

export type WalkOptions = {
  /** Honour .gitignore files and .git/info/exclude (default true; `--no-ignore` turns it off). */
  gitignore: boolean;
  /** Names holding the marker are scanned too (see name-scan.ts). */
  names?: NameScan;
};


/** A regular file found by the walk; `path` is what reports show: the root as the user gave it, joined with the relative path. */
export type WalkEvent =
  | { kind: 'file'; absolute: RawPath; path: string }
  | { kind: 'skip'; path: string; reason: SkipReason }
  | { kind: 'problem'; problem: Problem }
  /** A name that holds the marker, to be scanned like content. */
  | { kind: 'blob'; blob: SourceBlob };

/**
 * Depth-first walk of a directory. Names that are not valid UTF-8 are read as bytes, so their files open
 * (read-entries.ts) and show escaped (shown-name.ts). Directory reads are synchronous: a walk is a long chain of small
 * dependent reads, and the thread-pool round trip per directory cost more than the reads themselves; a
 * synchronous generator also saves an async hop per file and per directory level. Dotfiles are included, `.git` is always passed over, symlinks are
 * never followed (so the walk cannot leave the root or loop) and FIFOs, sockets and devices are skipped,
 * since reading one could block forever. A directory that cannot be read is a problem; the walk goes on.
 */
export function* walkTree(root: string, shownRoot: string, options: WalkOptions): Generator<WalkEvent> {
  let entries: Entry[];
  try {
    entries = readEntries(root);
  } catch (error) {
    throw new ScanError(`cannot read directory ${shownRoot}: ${errorCode(error)}`, { cause: error });
  }
  let layers = NO_GITIGNORE;
  if (options.gitignore) layers = addGitignore(layers, join(root, '.git', 'info', 'exclude'), '');
  yield* walkEntries(root, '', '', entries, layers, shownRoot, options);
}

function* walkEntries(
  absoluteDir: RawPath,
  relativeDir: string,
  /** The same path as git's bytes, one character each (what .gitignore rules are matched against). */
  bytesDir: string,
  entries: Entry[],
  parentLayers: GitignoreLayers,
  shownRoot: string,
  options: WalkOptions,
): Generator<WalkEvent> {
  let layers = parentLayers;
  if (options.gitignore && entries.some((e) => e.name === '.gitignore' && e.isFile())) {
    layers = addGitignore(layers, childPath(absoluteDir, { name: '.gitignore' }), bytesDir);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name === '.git') continue;
    const relative = relativeDir === '' ? entry.name : `${relativeDir}/${entry.name}`;
    const name = nameBytes(entry);
    const bytes = bytesDir === '' ? name : `${bytesDir}/${name}`;
    const names = options.names;
    const shown = joinShown(shownRoot, relative);
    const isDirectory = entry.isDirectory();
    if (options.gitignore && isGitignored(layers, bytes, isDirectory)) {
      yield { kind: 'skip', path: isDirectory ? `${shown}/` : shown, reason: 'gitignored' };
      continue;
    }
    if (names && entry.name.includes(names.marker)) {
      yield { kind: 'blob', blob: { bytes: entry.bytes ?? Buffer.from(entry.name), origin: { kind: 'file', path: shown, inName: true } } };
    }
    if (entry.isSymbolicLink()) {
      yield { kind: 'skip', path: shown, reason: 'symlink' };
    } else if (isDirectory) {
      const absolute = childPath(absoluteDir, entry);
      let children: Entry[];
      try {
        children = readEntries(absolute);
      } catch (error) {
        yield { kind: 'problem', problem: { path: shown, code: errorCode(error), reason: `cannot read directory: ${errorCode(error)}` } };
        continue;
      }
      yield* walkEntries(absolute, relative, bytes, children, layers, shownRoot, options);
    } else if (entry.isFile()) {
      yield { kind: 'file', absolute: childPath(absoluteDir, entry), path: shown };
    } else {
      yield { kind: 'skip', path: shown, reason: 'special-file' };
    }
  }
}

/** A name as git's bytes, one character each: a name that is not UTF-8 by its own bytes, not as it is shown. */
function nameBytes(entry: Entry): string {
  if (entry.bytes) return entry.bytes.toString('latin1');
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(entry.name) ? entry.name : Buffer.from(entry.name, 'utf8').toString('latin1');
}

/** Larger .gitignore files are not read (git draws the line at 100 MiB; each rule here costs an object). */
export const MAX_GITIGNORE_BYTES = 16 << 20;
let readIgnoreFile: SyncReader | null = null;

function addGitignore(layers: GitignoreLayers, file: RawPath, base: string): GitignoreLayers {
  // Read like any scanned file: no symlink followed, no FIFO waited on, nothing over the limit read.
  readIgnoreFile ??= createSyncReader();
  const read = readIgnoreFile(file, MAX_GITIGNORE_BYTES);
  // A missing, unreadable or oversized ignore file only means fewer files are excluded: the scan errs towards
  // scanning more.
  return read.kind === 'bytes' ? withGitignore(layers, base, read.bytes) : layers;
}

export function joinShown(root: string, relative: string): string {
  if (root === '.' || root === './') return relative;
  return root.endsWith('/') ? `${root}${relative}` : `${root}/${relative}`;
}
