import type { NameScan } from '../name-scan.js';
import type { Source } from '../source-events.js';
import type { GitRepo } from './open-repo.js';
import type { StagedEntry } from './staged-entries.js';
import { streamObjects } from './stream-objects.js';

/**
 * The staged blobs, each read once from cat-file and reported at every path that stages it; with `names`,
 * a staged path that holds the marker is scanned itself (a file or directory named after a key).
 */
export async function* stagedSource(repo: GitRepo, entries: StagedEntry[], maxBlobSize: number, names?: NameScan): Source {
  const paths = new Map<string, string[]>();
  for (const { blobId, path, gitlink } of entries) {
    if (names !== undefined && path.includes(names.marker)) yield { kind: 'blob', blob: { bytes: Buffer.from(path), origin: { kind: 'staged', path, inName: true } } };
    if (!gitlink) paths.set(blobId, [...(paths.get(blobId) ?? []), path]);
  }
  const selection = { kind: 'ids' as const, ids: [...paths.keys()] };
  for await (const object of streamObjects(repo, selection, (type, size) => type === 'blob' && size <= maxBlobSize)) {
    for (const path of paths.get(object.id) ?? []) {
      if (object.type === 'missing') yield { kind: 'problem', problem: { path, code: 'MISSING_OBJECT', reason: `staged blob ${object.id} is missing` } };
      else if (object.bytes === null) yield { kind: 'skip', path, reason: 'too-large' };
      else yield { kind: 'blob', blob: { id: object.id, bytes: object.bytes, origin: { kind: 'staged', path } } };
    }
  }
}
