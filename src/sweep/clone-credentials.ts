/**
 * The GitHub token a sweep lists an organisation with also clones its private repositories, but only
 * from that GitHub's own web host: a clone URL elsewhere (another host, a port, a plain-http address that is
 * not loopback) never receives it. `token` is asked for each clone, so a GitHub App's installation token,
 * which lives one hour, is fresh for every repository of a long sweep.
 */
export type CloneCredential = { origin: string; token: () => Promise<string> };

/** The web origin that serves clones for a REST API URL: github.com for api.github.com, else the API's own origin (GitHub Enterprise Server). */
export function webOriginOf(apiUrl: string): string {
  const url = new URL(apiUrl);
  if (url.hostname === 'api.github.com') return 'https://github.com';
  return url.origin;
}

/** The credential whose origin is exactly this URL's, when the URL may carry it (https, or http to loopback). */
export function credentialFor(url: string, credentials: readonly CloneCredential[]): CloneCredential | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.username || parsed.password) return null;
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) return null;
  return credentials.find((c) => c.origin === parsed.origin) ?? null;
}

/**
 * git configuration, passed in the environment (never on a command line that `ps` shows, never written into
 * the mirror), that sends the token to `origin` alone: the header is scoped to that URL prefix, and
 * redirects are not followed, so no other host is handed it.
 */
export function credentialEnvironment(origin: string, token: string): Record<string, string> {
  const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
  return {
    GIT_CONFIG_COUNT: '2',
    GIT_CONFIG_KEY_0: `http.${origin}/.extraHeader`,
    GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}`,
    GIT_CONFIG_KEY_1: 'http.followRedirects',
    GIT_CONFIG_VALUE_1: 'false',
  };
}
