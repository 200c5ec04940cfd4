import { resolve } from 'node:path';
import { ScanError, UsageError } from '../core/errors.js';
import type { CloneCredential } from '../sweep/clone-credentials.js';
import { type GitHubListRequest, listOrgRepos } from '../sweep/github-org.js';
import { discoverRepos } from '../sweep/discover-repos.js';
import { type RepoEntry, parseRepoList } from '../sweep/repo-list.js';
import { type Shard, parseShard } from '../sweep/shard.js';
import { readIfExists } from './load-suppressions.js';

/** The repositories a sweep covers: every --repos list, --discover directory and GitHub organisation, each once. */
export type GitHubInput = Omit<GitHubListRequest, 'app'> & { app: { appId: string; keyFile: string; installationId: string } | null };

export async function sweepRepositories(lists: string[], dirs: string[], maxDepth: number, cwd: string, github: GitHubInput[] = []): Promise<{ entries: RepoEntry[]; credentials: CloneCredential[] }> {
  const entries: RepoEntry[] = [];
  const credentials: CloneCredential[] = [];
  for (const input of github) {
    const { app, ...rest } = input;
    const request: GitHubListRequest = { ...rest, app: app ? { appId: app.appId, installationId: app.installationId, privateKey: await appKey(app.keyFile, cwd) } : null };
    try {
      const listed = await listOrgRepos(request);
      entries.push(...listed.entries);
      if (listed.credential) credentials.push(listed.credential);
    } catch (error) {
      // A list that cannot be fetched is an error, never an empty sweep. The message never holds the token.
      throw new ScanError(`cannot list the repositories of ${request.org} at ${request.apiUrl}: ${withoutTokens((error as Error).message, request.token)}`, { cause: error });
    }
  }
  for (const file of lists) {
    const text = await readIfExists(resolve(cwd, file));
    if (text === null) throw new UsageError(`--repos ${file} does not exist`);
    const { entries: listed, errors } = parseRepoList(text, cwd);
    if (errors.length > 0) throw new UsageError(`--repos ${file}: ${errors.join('; ')}`);
    for (const entry of listed) entries.push(entry);
  }
  for (const dir of dirs) for (const entry of await discoverRepos(resolve(cwd, dir), maxDepth)) entries.push(entry);
  const seen = new Set<string>();
  return { entries: entries.filter((e) => (seen.has(e.identity) ? false : (seen.add(e.identity), true))), credentials };
}

/** `--shard I/N`, checked. */
export function shardFrom(text: string): Shard {
  const shard = parseShard(text);
  if (!shard) throw new UsageError(`--shard takes I/N with 1 <= I <= N, not "${text}"`);
  return shard;
}

/** A GitHub App's private key, from its file (bounded, a regular file); never from a flag's value. */
async function appKey(file: string, cwd: string): Promise<string> {
  const text = await readIfExists(resolve(cwd, file));
  if (text === null) throw new UsageError(`--github-app-key ${file} does not exist`);
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) throw new UsageError(`--github-app-key ${file} is not a PEM private key`);
  return text;
}

/** An error text as it may be printed: a server can echo the Authorization header back in its message. */
function withoutTokens(text: string, token: string | null): string {
  const plain = token ? text.split(token).join('[token]') : text;
  return plain.replace(/\b(gh[pousr]_[A-Za-z0-9_]{16,}|github_pat_[A-Za-z0-9_]{20,}|v1\.[0-9a-f]{40})\b/g, '[token]').replace(/((?:token|bearer|basic)\s+)[A-Za-z0-9._~+/=-]{16,}/gi, '$1[token]');
}
