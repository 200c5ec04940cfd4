import { resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import { discoverRepos } from '../sweep/discover-repos.js';
import { type RepoEntry, parseRepoList } from '../sweep/repo-list.js';
import { type Shard, parseShard } from '../sweep/shard.js';
import { readIfExists } from './load-suppressions.js';

/** The repositories a sweep covers: every --repos list and every --discover directory, each repository once. */
export async function sweepRepositories(lists: string[], dirs: string[], maxDepth: number, cwd: string): Promise<RepoEntry[]> {
  const entries: RepoEntry[] = [];
  for (const file of lists) {
    const text = await readIfExists(resolve(cwd, file));
    if (text === null) throw new UsageError(`--repos ${file} does not exist`);
    const { entries: listed, errors } = parseRepoList(text, cwd);
    if (errors.length > 0) throw new UsageError(`--repos ${file}: ${errors.join('; ')}`);
    entries.push(...listed);
  }
  for (const dir of dirs) entries.push(...(await discoverRepos(resolve(cwd, dir), maxDepth)));
  const seen = new Set<string>();
  return entries.filter((e) => (seen.has(e.identity) ? false : (seen.add(e.identity), true)));
}

/** `--shard I/N`, checked. */
export function shardFrom(text: string): Shard {
  const shard = parseShard(text);
  if (!shard) throw new UsageError(`--shard takes I/N with 1 <= I <= N, not "${text}"`);
  return shard;
}
