import { isAbsolute, resolve } from 'node:path';
import { type StoreScan, scanObjectStore } from '../pack/scan-object-store.js';
import type { Source } from '../source-events.js';
import { GitError } from './git-error.js';
import { type HistorySourceOptions, type HistoryWalk, LFS_POINTER, LFS_POINTER_MAX, historySource } from './history-source.js';
import type { GitRepo } from './open-repo.js';
import { isPartialClone } from './partial-clone.js';
import type { ObjectIdSet } from './object-id-set.js';
import { runGit } from './run-git.js';
import { spawnGit } from './spawn-git.js';
import { createWalkListing } from './walk-listing.js';

/** The anchors of a pack scan: for file contents and messages, and (keys used as names) for trees. */
export type PackAnchors = { content: Uint8Array[]; names: Uint8Array[] };

/** Every object reachable from these revisions (`reachable`), or every object in the store (`all`). */
export type PackScope = { kind: 'reachable'; args: string[]; stdinRevisions: string[] } | { kind: 'all' };

export type PackHistory = { events: Source; walked: Promise<HistoryWalk>; packs: StoreScan };

/**
 * A history walk that reads the packs itself (../pack): every object of the store is inflated once and
 * searched at the delta level, and git prints only the objects that hold an anchor (and small blobs, to
 * count Git LFS pointers), which are scanned whole as before. For a scope of refs, git's object walk runs
 * beside the pack scan (git on one core, the scan on the other): it bounds what is read to the scope,
 * names missing objects, and gives the counts. Returns why not, having read nothing, for a store this
 * reader does not take: the caller reads through git.
 */
export async function packHistorySource(repo: GitRepo, scope: PackScope, anchors: PackAnchors, options: HistorySourceOptions & { skipObject?: (id: string) => boolean; threads: number; onProgress?: (passed: number, total: number) => void }): Promise<PackHistory | { refused: string }> {
  // One rev-parse for both answers, beside the partial-clone check: each git start costs a few milliseconds.
  const [facts, partial] = await Promise.all([runGit(repo, ['rev-parse', '--show-object-format', '--git-path', 'objects']), isPartialClone(repo)]);
  const [format = '', objectsPath = ''] = facts.stdout.toString('utf8').trim().split('\n');
  if (format !== 'sha1') return { refused: `${format} object ids` };
  if (partial) return { refused: 'a partial clone (git names what it lacks)' };
  const objectsDir = isAbsolute(objectsPath) ? objectsPath : resolve(repo.cwd, objectsPath);
  const walk = scope.kind === 'reachable' ? objectWalk(repo, scope) : null;
  walk?.catch(() => {});
  const packs = await scanObjectStore(objectsDir, {
    anchors,
    want: ['commit', 'blob', 'tag', ...(options.names ? (['tree'] as const) : [])],
    maxSize: options.maxBlobSize,
    readBlobsBelow: LFS_POINTER_MAX,
    readIfStartsWith: LFS_POINTER,
    collect: ['commit', 'blob'],
    threads: options.threads,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  if ('refused' in packs) {
    await walk?.catch(() => {});
    return packs;
  }
  let reached: Reached;
  try {
    reached = walk ? await walk : { ids: null, missing: [] };
  } catch (error) {
    // A walk git cannot finish (a missing commit) is what the git reader reports best, with its fallback.
    if (error instanceof GitError) return { refused: `git's walk failed (${error.message})` };
    throw error;
  }
  const inScope = (id: string) => reached.ids === null || reached.ids.has(id);
  const commits = packs.ids.commit.filter(inScope);
  const oversize = packs.oversize.filter((o) => inScope(o.id));
  // A blob over the size limit is not read: it is neither counted nor remembered as scanned clean.
  const tooLarge = new Set(oversize.map((o) => o.id));
  const blobs = packs.ids.blob.filter((id) => inScope(id) && !tooLarge.has(id));
  const skip = options.skipObject;
  // An id can come twice (two packs holding it): git prints it once.
  const ids = [...new Set([...packs.candidates.map((o) => o.id), ...packs.unread.map((u) => u.id)])].filter((id) => inScope(id) && (skip === undefined || !skip(id)));
  const inner = historySource(repo, { kind: 'ids', ids }, options);
  const walked = inner.walked.then((w): HistoryWalk => ({ ...w, commits: commits.length, commitIds: commits, blobs: blobs.length, blobIds: options.collectBlobIds ? blobs : [] }));
  walked.catch(() => {});
  async function* events(): Source {
    for (const id of reached.missing) yield { kind: 'problem', problem: { path: `object ${id}`, code: 'MISSING_OBJECT', reason: 'object referenced by the history but missing from the store' } };
    for (const o of oversize) yield { kind: 'skip', path: `${o.type} ${o.id}`, reason: 'too-large' };
    yield* inner.events;
  }
  return { events: events(), walked, packs };
}

type Reached = { ids: ObjectIdSet | null; missing: string[] };

/** Every object the revisions reach (walk-listing.ts reads git's list as it comes). */
function objectWalk(repo: GitRepo, scope: { args: string[]; stdinRevisions: string[] }): Promise<Reached> {
  const args = ['rev-list', '--objects', '--no-object-names', '--missing=print', '--stdin', ...scope.args];
  return new Promise((resolve, reject) => {
    const listing = createWalkListing();
    const stderr: Buffer[] = [];
    const child = spawnGit(repo, args, ['pipe', 'pipe', 'pipe']);
    child.stdout!.on('data', (chunk: Buffer) => listing.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.stdin!.on('error', () => {}); // the exit status below says why git stopped reading
    child.on('error', (error) => reject(new GitError(`cannot run git: ${error.message}`, 'git rev-list', '', { cause: error })));
    child.on('close', (code) => {
      const message = Buffer.concat(stderr).toString('utf8').trim();
      if (code !== 0) return reject(new GitError(`git rev-list failed (exit ${code}): ${message.split('\n').slice(0, 3).join(' / ') || 'no message'}`, `git ${args.join(' ')}`, message));
      const { ids, missing, bad } = listing.end();
      // Anything but an id: the caller then reads through git, which lists what it holds itself.
      if (bad !== null) return reject(new GitError(`git rev-list printed ${bad}, not an object id`, `git ${args.join(' ')}`, message));
      resolve({ ids, missing });
    });
    child.stdin!.end(scope.stdinRevisions.map((r) => `${r}\n`).join(''));
  });
}
