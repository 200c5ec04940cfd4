import { createAppAuth } from '@octokit/auth-app';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { type CloneCredential, webOriginOf } from './clone-credentials.js';
import { type RepoEntry, repoEntry } from './repo-list.js';

export type GitHubListRequest = {
  org: string;
  /** https://api.github.com, or a GitHub Enterprise Server's /api/v3. */
  apiUrl: string;
  /** From GITHUB_TOKEN only: never a flag, never printed. */
  token: string | null;
  /**
   * Or as a GitHub App installation: the app's id, its private key (read from a file) and the
   * installation. @octokit/auth-app mints installation tokens and mints a new one before the old expires.
   */
  app: { appId: string; privateKey: string; installationId: string } | null;
  includeForks: boolean;
  includeArchived: boolean;
  /** Name globs (`*`, `?`): a repository is kept when it matches an include (if any) and no exclude. */
  include: string[];
  exclude: string[];
  /** For throttled requests: how many times one request may wait and retry (default 3). */
  maxRetries?: number;
};

type ListedRepo = { name: string; full_name: string; clone_url?: string; fork?: boolean; archived?: boolean };

/**
 * An organisation's repositories through GitHub's REST API, every page, with the throttling plugin
 * honouring primary and secondary rate limits (Retry-After). Any failure to list is an error for the
 * caller: an organisation that cannot be listed must never look like an empty sweep.
 */
export async function listOrgRepos(request: GitHubListRequest): Promise<{ entries: RepoEntry[]; credential: CloneCredential | null }> {
  const ThrottledOctokit = Octokit.plugin(throttling);
  const retries = request.maxRetries ?? 3;
  const octokit = new ThrottledOctokit({
    baseUrl: request.apiUrl.replace(/\/+$/, ''),
    ...(request.app
      ? { authStrategy: createAppAuth, auth: { appId: request.app.appId, privateKey: request.app.privateKey, installationId: request.app.installationId } }
      : request.token
        ? { auth: request.token }
        : {}),
    userAgent: 'keysweep',
    // keysweep reports failures itself, once; Octokit's own request log would repeat them on stderr.
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    throttle: {
      onRateLimit: (_after: number, _options: unknown, _octokit: unknown, retryCount: number) => retryCount < retries,
      onSecondaryRateLimit: (_after: number, _options: unknown, _octokit: unknown, retryCount: number) => retryCount < retries,
    },
  });
  // The API's own answers name the next page (Link headers): a page on any other origin would be handed the
  // token with the request, so only the API's origin is ever asked.
  const apiOrigin = new URL(request.apiUrl).origin;
  octokit.hook.before('request', (options) => {
    const url = new URL(String(options.url).replace(/\{[^}]*\}/g, 'x'), `${apiOrigin}/`);
    if (url.origin !== apiOrigin) throw new Error(`the API sent keysweep to another host (${url.origin}); refused, the token goes to ${apiOrigin} only`);
  });
  const repos = (await octokit.paginate(octokit.rest.repos.listForOrg, { org: request.org, type: 'all', per_page: 100 })) as ListedRepo[];
  const included = request.include.map(globPattern);
  const excluded = request.exclude.map(globPattern);
  const entries = repos
    .filter((r) => request.includeForks || !r.fork)
    .filter((r) => request.includeArchived || !r.archived)
    .filter((r) => (included.length === 0 || included.some((p) => p.test(r.name))) && !excluded.some((p) => p.test(r.name)))
    .map((r) => {
      // The API's answer is untrusted like any list, and GitHub clones over https: a file:// or ssh URL in a
      // listing (that would read this machine's own repositories, or another host) is refused.
      const allowed = /^https:\/\//i.test(r.clone_url ?? '') || (apiOrigin.startsWith('http:') && /^http:\/\//i.test(r.clone_url ?? ''));
      const entry = typeof r.clone_url === 'string' && allowed ? repoEntry(r.clone_url, '/') : `not an https URL: ${String(r.clone_url).slice(0, 200)}`;
      if (typeof entry === 'string' || entry.kind !== 'url') throw new Error(`the API listed ${r.full_name} with an unusable clone URL: ${typeof entry === 'string' ? entry : 'not a URL'}`);
      return entry;
    })
    .sort((a, b) => (a.identity < b.identity ? -1 : 1));
  // The same credential clones private repositories, from this GitHub's own host only.
  const token = request.app
    ? async () => ((await octokit.auth({ type: 'installation' })) as { token: string }).token
    : request.token
      ? async () => request.token!
      : null;
  return { entries, credential: token ? { origin: webOriginOf(request.apiUrl), token } : null };
}

function globPattern(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}
