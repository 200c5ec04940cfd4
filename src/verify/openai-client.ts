import { OPENAI_MARKER } from '../core/openai-marker.js';
import type { KeyType } from '../core/types.js';
import type { HttpOutcome } from './openai-response.js';

/** Every admin key, and only admin keys, start with this (patterns/openai.json). */
const ADMIN_PREFIX = 'sk-admin-';

export type OpenAIRequest = { method: 'GET' | 'POST'; path: string; body?: string; headers?: Record<string, string> };

export type OpenAIClient = {
  /** Sends one request with `key` as bearer token. */
  send(key: string, keyType: KeyType, request: OpenAIRequest): Promise<HttpOutcome>;
};

/**
 * The only code that sends a key anywhere. It refuses what must never happen rather than trusting its
 * callers: a string without OpenAI's marker (a look-alike would leak to a third party), an admin key to a
 * non-admin endpoint or a project key to an admin one. Redirects are not followed; every request has a
 * timeout.
 */
export function createOpenAIClient(baseUrl: string, options: { timeoutMs: number; userAgent: string; fetch?: typeof fetch }): OpenAIClient {
  const doFetch = options.fetch ?? fetch;
  return {
    async send(key, keyType, request) {
      if (!key.includes(OPENAI_MARKER)) throw new Error('refusing to send a string without the OpenAI marker');
      // The key's own prefix decides what it is, not the caller's word (which may come from a crafted report).
      const admin = key.startsWith(ADMIN_PREFIX);
      if (admin !== (keyType === 'admin')) throw new Error(`refusing to send a key classified as ${keyType} whose prefix says ${admin ? 'admin' : 'project'}`);
      const adminPath = request.path.startsWith('/v1/organization/');
      if (adminPath !== admin) throw new Error(`refusing to send ${admin ? 'an admin' : 'a project'} key to ${request.path}`);
      try {
        const response = await doFetch(baseUrl + request.path, {
          method: request.method,
          redirect: 'manual',
          signal: AbortSignal.timeout(options.timeoutMs),
          headers: { Authorization: `Bearer ${key}`, Accept: 'application/json', 'User-Agent': options.userAgent, ...(request.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...request.headers },
          ...(request.body !== undefined ? { body: request.body } : {}),
        });
        const body = await response.text();
        const headers: Record<string, string> = {};
        response.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
        return { kind: 'response', status: response.status, headers, body };
      } catch (error) {
        return { kind: 'network-error', reason: describeNetworkError(error) };
      }
    },
  };
}

/** A reason without the request (its headers hold the key): timeout, reset, refused, DNS. */
function describeNetworkError(error: unknown): string {
  const e = error as { name?: string; cause?: { code?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'timed out';
  return e?.cause?.code ?? e?.name ?? 'network error';
}
