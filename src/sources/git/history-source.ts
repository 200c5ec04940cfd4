import type { GitStats } from '../../core/types.js';
import type { Source } from '../source-events.js';
import type { GitRepo } from './open-repo.js';
import { type ObjectSelection, streamObjects } from './stream-objects.js';

const LFS_POINTER = Buffer.from('version https://git-lfs.github.com/spec/v1\n');

/**
 * Every blob of the selection, once, as source events. Commits are counted as they stream past; blobs over
 * `maxBlobSize` are skipped with a reason; missing objects (a corrupt repository) are problems.
 * `stats` is filled in as the stream is consumed; `commitIds`, when given, collects every commit seen
 * (attribution of unreachable objects walks from all of them).
 */
export async function* historySource(repo: GitRepo, selection: ObjectSelection, maxBlobSize: number, stats: GitStats, commitIds?: string[]): Source {
  // Commit and tag messages are read too: a key pasted into a message leaks like one in a file.
  const want = (type: string, size: number) => (type === 'blob' || type === 'commit' || type === 'tag') && size <= maxBlobSize;
  for await (const object of streamObjects(repo, selection, want)) {
    switch (object.type) {
      case 'commit':
      case 'tag':
        // Tips reappear in the object list; the commit list already counted and scanned them.
        if (object.type === 'commit' && !object.fromCommitList) break;
        if (object.type === 'commit') {
          stats.commits++;
          commitIds?.push(object.id);
        }
        if (object.bytes) yield { kind: 'blob', blob: { id: object.id, bytes: object.bytes, origin: { kind: 'git-object', repo: repo.shown, objectType: object.type } } };
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
        yield { kind: 'problem', problem: { path: `object ${object.id}`, code: 'MISSING_OBJECT', reason: 'object listed by git but missing from the store (corrupt repository?)' } };
        break;
      default:
        // trees (streamed only with --unreachable): nothing to scan in them
        break;
    }
  }
}
