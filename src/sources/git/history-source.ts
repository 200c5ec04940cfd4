import type { Source } from '../source-events.js';
import { GitError } from './git-error.js';
import type { GitRepo } from './open-repo.js';
import { type ObjectSelection, streamObjects } from './stream-objects.js';
import { treeEntryNames } from './tree-entry-names.js';
import type { NameScan } from '../name-scan.js';

export const LFS_POINTER = Buffer.from('version https://git-lfs.github.com/spec/v1\n');
/** Git LFS pointer files are smaller than this: a reader that skips most blobs still reads these whole, to count them. */
export const LFS_POINTER_MAX = 200;

export type HistorySourceOptions = {
  maxBlobSize: number;
  /**
   * When the walk itself breaks (a missing commit ends `git rev-list`), scan every object the store does
   * hold instead, so the findings cover everything that could be read. Only for scopes that mean "all".
   */
  fallbackToStore?: boolean;
  /** Keep the id of every blob read (a sweep records them, so other repositories need not read them again). */
  collectBlobIds?: boolean;
  /** Tree entries whose names hold the marker are scanned (a file or directory named after a key). */
  names?: NameScan;
};

/** What a finished walk covered: counts for the report, and every commit seen (attribution of unreachable objects walks from them). */
export type HistoryWalk = { commits: number; blobs: number; lfsPointers: number; commitIds: string[]; blobIds: string[] };

/**
 * A history walk: its events, and its outcome once the events are consumed to the end. Every blob of the
 * selection comes once; blobs over `maxBlobSize` are skipped with a reason; missing objects (a damaged
 * store, a partial clone) are problems that name the object, and a walk git could not finish is a problem
 * too: never a silent partial scan.
 */
export function historySource(repo: GitRepo, selection: ObjectSelection, options: HistorySourceOptions): { events: Source; walked: Promise<HistoryWalk> } {
  const walk: HistoryWalk = { commits: 0, blobs: 0, lfsPointers: 0, commitIds: [], blobIds: [] };
  let settle!: { resolve: (w: HistoryWalk) => void; reject: (e: unknown) => void };
  const walked = new Promise<HistoryWalk>((resolve, reject) => (settle = { resolve, reject }));
  // A consumer that stops early never awaits the outcome: that must not surface as an unhandled rejection.
  walked.catch(() => {});
  async function* events(): Source {
    try {
      yield* walkWithFallback(repo, selection, options, walk);
      settle.resolve(walk);
    } catch (error) {
      settle.reject(error);
      throw error;
    }
  }
  return { events: events(), walked };
}

async function* walkWithFallback(repo: GitRepo, selection: ObjectSelection, options: HistorySourceOptions, walk: HistoryWalk): Source {
  const seen = options.fallbackToStore ? new Set<string>() : null;
  try {
    yield* objectsOf(repo, selection, options, walk, seen, null);
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    for (const id of missingIdsIn(error.stderr)) {
      yield { kind: 'problem', problem: { path: `object ${id}`, code: 'MISSING_OBJECT', reason: 'commit referenced by the history but missing from the store: the walk could not go past it' } };
    }
    const fallback = seen !== null;
    yield { kind: 'problem', problem: { path: `history of ${repo.shown}`, code: 'WALK_INCOMPLETE', reason: `${error.message}${fallback ? '; scanned every object the store holds instead' : ''}` } };
    if (seen) yield* objectsOf(repo, { kind: 'all' }, options, walk, null, seen);
  }
}

async function* objectsOf(repo: GitRepo, selection: ObjectSelection, options: HistorySourceOptions, walk: HistoryWalk, record: Set<string> | null, skip: Set<string> | null): Source {
  const { maxBlobSize } = options;
  // Commit and tag messages are read too: a key pasted into a message leaks like one in a file.
  const want = (type: string, size: number) => (type === 'blob' || type === 'commit' || type === 'tag' || (type === 'tree' && options.names !== undefined)) && size <= maxBlobSize;
  const marker = options.names ? Buffer.from(options.names.marker, 'latin1') : null;
  const namedEntries = new Set<string>();
  for await (const object of streamObjects(repo, selection, want)) {
    if (skip?.has(object.id)) continue;
    record?.add(object.id);
    switch (object.type) {
      case 'commit':
      case 'tag':
        // Tips reappear in the object list; the commit list already counted and scanned them.
        if (object.type === 'commit' && !object.fromCommitList) break;
        if (object.type === 'commit') {
          walk.commits++;
          walk.commitIds.push(object.id);
        }
        if (object.bytes) yield { kind: 'blob', blob: { id: object.id, bytes: object.bytes, origin: { kind: 'git-object', repo: repo.shown, objectType: object.type } } };
        // A message over the size limit is skipped like a blob, and said so: never dropped silently.
        else yield { kind: 'skip', path: `${object.type} ${object.id}`, reason: 'too-large' };
        break;
      case 'blob':
        if (object.bytes === null) {
          yield { kind: 'skip', path: `blob ${object.id}`, reason: 'too-large' };
          break;
        }
        walk.blobs++;
        if (options.collectBlobIds) walk.blobIds.push(object.id);
        if (object.bytes.length < LFS_POINTER_MAX && object.bytes.subarray(0, LFS_POINTER.length).equals(LFS_POINTER)) walk.lfsPointers++;
        yield { kind: 'blob', blob: { id: object.id, bytes: object.bytes, origin: { kind: 'git-object', repo: repo.shown, objectType: 'blob' } } };
        break;
      case 'missing':
        yield { kind: 'problem', problem: { path: `object ${object.id}`, code: 'MISSING_OBJECT', reason: 'object referenced by the history but missing from the store' } };
        break;
      case 'tree':
        if (!marker) break;
        // A tree over the size limit is skipped like a blob, and said so: its names are not read.
        if (object.bytes === null) {
          yield { kind: 'skip', path: `tree ${object.id}`, reason: 'too-large' };
          break;
        }
        // Each tree once: an entry named after a key is scanned as that name, and located at the object
        // the entry points at (its path comes from attribution).
        if (object.bytes.includes(marker)) {
          for (const entry of treeEntryNames(object.bytes, object.id.length / 2, marker)) {
            // The same entry sits in every later version of its tree: each name and object once.
            const key = `${entry.id}:${entry.name.toString('latin1')}`;
            if (namedEntries.has(key)) continue;
            namedEntries.add(key);
            yield { kind: 'blob', blob: { bytes: entry.name, origin: { kind: 'git-object', repo: repo.shown, objectType: 'blob', inName: true, entry: entry.id } } };
          }
        }
        break;
      default:
        break;
    }
  }
}

/** The object ids git names as unreadable in its error output ("Could not read X", "bad object X", "missing … X"). */
export function missingIdsIn(stderr: string): string[] {
  const ids = new Set<string>();
  for (const m of stderr.matchAll(/(?:could not read|bad object|missing (?:commit|tree|blob|tag)|unable to read)\s+([0-9a-f]{40}(?:[0-9a-f]{24})?)\b/gi)) ids.add(m[1]!.toLowerCase());
  return [...ids];
}
