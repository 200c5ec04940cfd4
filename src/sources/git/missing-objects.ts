import type { Source } from '../source-events.js';
import { missingIdsIn } from './history-source.js';
import type { GitRepo } from './open-repo.js';
import { spawnGit } from './spawn-git.js';

/**
 * Objects that commits and trees name but the store lacks, for scans that read the store directly
 * (`--unreachable` lists only what exists, so a missing object would otherwise go unnoticed). Walks from
 * every ref and every commit the store scan saw (known once that scan has finished).
 */
export async function* missingObjectsSource(repo: GitRepo, commits: Promise<string[]>): Source {
  const { missing, failure } = await listMissing(repo, await commits);
  for (const id of missing) {
    yield { kind: 'problem', problem: { path: `object ${id}`, code: 'MISSING_OBJECT', reason: 'object referenced by the history but missing from the store' } };
  }
  if (failure) yield { kind: 'problem', problem: { path: `history of ${repo.shown}`, code: 'WALK_INCOMPLETE', reason: `the check for missing objects could not finish: ${failure}` } };
}

async function listMissing(repo: GitRepo, commits: string[]): Promise<{ missing: string[]; failure: string | null }> {
  const child = spawnGit(repo, ['rev-list', '--objects', '--no-object-names', '--missing=print', '--all', '--stdin'], ['pipe', 'pipe', 'pipe']);
  child.stdin!.on('error', () => {});
  child.stdin!.end(commits.map((c) => `${c}\n`).join(''));
  const missing = new Set<string>();
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  let partial = '';
  for await (const chunk of child.stdout! as AsyncIterable<Buffer>) {
    // Most chunks hold no `?` at all: only those are split into lines.
    if (chunk.indexOf(0x3f) === -1 && !partial.startsWith('?')) {
      const nl = chunk.lastIndexOf(0x0a);
      partial = nl === -1 ? partial + chunk.toString('latin1') : chunk.subarray(nl + 1).toString('latin1');
      continue;
    }
    const lines = (partial + chunk.toString('latin1')).split('\n');
    partial = lines.pop()!;
    for (const line of lines) if (line.startsWith('?')) missing.add(line.slice(1));
  }
  if (partial.startsWith('?')) missing.add(partial.slice(1));
  const code = await new Promise<number>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('close', (c) => resolve(c ?? -1))));
  // A missing commit ends the walk: git names it on stderr.
  if (code !== 0) for (const id of missingIdsIn(stderr)) missing.add(id);
  const failure = code !== 0 && missing.size === 0 ? `git rev-list failed (exit ${code}): ${stderr.trim().split('\n')[0] ?? ''}` : null;
  return { missing: [...missing].sort(), failure };
}
