import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GitRepo } from './open-repo.js';
import { runGit } from './run-git.js';

const ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/**
 * Commits listed in the repository's `shallow` file whose parents are nevertheless in the store. A real
 * shallow clone lacks those parents; a hostile one can list a commit there to hide all history behind
 * it from every walk. Parents are read from the raw commit objects, which the shallow file does not touch.
 */
export async function shallowBoundariesHidingHistory(repo: GitRepo): Promise<string[]> {
  const text = await readFile(join(repo.gitDir, 'shallow'), 'utf8').catch(() => '');
  const boundaries = text.split('\n').filter((line) => ID.test(line)).slice(0, 100_000);
  if (boundaries.length === 0) return [];
  const raw = await runGit(repo, ['cat-file', '--batch'], { input: boundaries.map((id) => `${id}\n`).join('') });
  const parentsOf = new Map<string, string[]>();
  let current: string | null = null;
  for (const line of raw.stdout.toString('latin1').split('\n')) {
    const header = /^([0-9a-f]{40,64}) commit \d+$/.exec(line);
    if (header) current = header[1]!;
    else if (current && line.startsWith('parent ')) parentsOf.set(current, [...(parentsOf.get(current) ?? []), line.slice(7)]);
    else if (line === '') current = null;
  }
  const parents = [...new Set([...parentsOf.values()].flat().filter((id) => ID.test(id)))];
  if (parents.length === 0) return [];
  const check = await runGit(repo, ['cat-file', '--batch-check=%(objectname) %(objecttype)'], { input: parents.map((id) => `${id}\n`).join('') });
  const present = new Set(check.stdout.toString('latin1').split('\n').filter((l) => l.endsWith(' commit')).map((l) => l.split(' ')[0]!));
  return [...parentsOf].filter(([, ps]) => ps.some((p) => present.has(p))).map(([id]) => id);
}
