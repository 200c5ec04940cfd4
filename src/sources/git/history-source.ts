import type { GitStats } from '../../core/types.js';
import type { Source } from '../source-events.js';
import { GitError } from './git-error.js';
import type { GitRepo } from './open-repo.js';
import { type ObjectSelection, streamObjects } from './stream-objects.js';

const LFS_POINTER = Buffer.from('version https://git-lfs.github.com/spec/v1\n');

export type HistorySourceOptions = {
  maxBlobSize: number;
  stats: GitStats;
  /** Collects every commit seen (attribution of unreachable objects walks from all of them). */
  commitIds?: string[];
  /**
   * When the walk itself breaks (a missing commit ends `git rev-list`), scan every object the store does
   * hold instead, so the findings cover everything that could be read. Only for scopes that mean "all".
   */
  fallbackToStore?: boolean;
};

/**
 * Every blob of the selection, once, as source events. Commits are counted as they stream past; blobs over
 * `maxBlobSize` are skipped with a reason; missing objects (a damaged store, a partial clone) are problems
 * that name the object, and a walk git could not finish is a problem too: never a silent partial scan.
 */
export async function* historySource(repo: GitRepo, selection: ObjectSelection, options: HistorySourceOptions): Source {
  const seen = options.fallbackToStore ? new Set<string>() : null;
  try {
    yield* objectsOf(repo, selection, options, seen, null);
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    const missing = missingIdsIn(error.stderr);
    for (const id of missing) {
      options.stats.missingObjects++;
      yield { kind: 'problem', problem: { path: `object ${id}`, code: 'MISSING_OBJECT', reason: 'commit referenced by the history but missing from the store: the walk could not go past it' } };
    }
    const fallback = seen !== null;
    yield { kind: 'problem', problem: { path: `history of ${repo.shown}`, code: 'WALK_INCOMPLETE', reason: `${error.message}${fallback ? '; scanned every object the store holds instead' : ''}` } };
    if (seen) yield* objectsOf(repo, { kind: 'all' }, options, null, seen);
  }
}

async function* objectsOf(repo: GitRepo, selection: ObjectSelection, options: HistorySourceOptions, record: Set<string> | null, skip: Set<string> | null): Source {
  const { stats, maxBlobSize } = options;
  // Commit and tag messages are read too: a key pasted into a message leaks like one in a file.
  const want = (type: string, size: number) => (type === 'blob' || type === 'commit' || type === 'tag') && size <= maxBlobSize;
  for await (const object of streamObjects(repo, selection, want)) {
    if (skip?.has(object.id)) continue;
    record?.add(object.id);
    switch (object.type) {
      case 'commit':
      case 'tag':
        // Tips reappear in the object list; the commit list already counted and scanned them.
        if (object.type === 'commit' && !object.fromCommitList) break;
        if (object.type === 'commit') {
          stats.commits++;
          options.commitIds?.push(object.id);
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
        stats.blobs++;
        if (object.bytes.length < 200 && object.bytes.subarray(0, LFS_POINTER.length).equals(LFS_POINTER)) stats.lfsPointers++;
        yield { kind: 'blob', blob: { id: object.id, bytes: object.bytes, origin: { kind: 'git-object', repo: repo.shown, objectType: 'blob' } } };
        break;
      case 'missing':
        stats.missingObjects++;
        yield { kind: 'problem', problem: { path: `object ${object.id}`, code: 'MISSING_OBJECT', reason: 'object referenced by the history but missing from the store' } };
        break;
      default:
        // trees (streamed only with --unreachable): nothing to scan in them
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
