import { describe, expect, it } from 'vitest';
import { type HttpOutcome, interpret, missingScopes, retryAfter } from '../../src/verify/openai-response.js';

const answer = (status: number, error: Record<string, unknown> | null, headers: Record<string, string> = {}): HttpOutcome => ({
  kind: 'response',
  status,
  headers,
  body: error === null ? '<html>gateway</html>' : JSON.stringify({ error }),
});
const verdict = (outcome: HttpOutcome, admin = false) => {
  const { status, retry } = interpret(outcome, admin);
  return [status, retry];
};

describe('reading one OpenAI answer (shared/openai-keys.md §3.4)', () => {
  it('2xx is live; 3xx is unknown and never followed', () => {
    expect(verdict(answer(200, null))).toEqual(['live', false]);
    expect(verdict(answer(204, null))).toEqual(['live', false]);
    expect(verdict(answer(301, null))).toEqual(['unknown', false]);
    expect(verdict(answer(307, null))).toEqual(['unknown', false]);
  });

  it('only 401 with invalid_api_key is revoked', () => {
    expect(verdict(answer(401, { code: 'invalid_api_key', message: 'Incorrect API key provided' }))).toEqual(['revoked', false]);
    expect(verdict(answer(403, { code: 'invalid_api_key', message: 'x' }))).toEqual(['unknown', false]);
    expect(verdict(answer(401, { code: 'something_else', message: 'x' }))).toEqual(['unknown', false]);
    expect(verdict(answer(401, null))).toEqual(['unknown', false]);
    expect(verdict(answer(400, { code: 'invalid_api_key' }))).toEqual(['unknown', false]);
  });

  it('missing scopes, IP allow-lists, quota and OpenAI rate limits mean the key authenticated: live', () => {
    const scoped = interpret(answer(403, { message: 'You have insufficient permissions for this operation. Missing scopes: api.model.read. Check that you have the correct role.', code: null }), false);
    expect(scoped).toMatchObject({ status: 'live', retry: false, missingScopes: ['api.model.read'] });
    expect(verdict(answer(401, { message: 'Missing scopes: api.model.read' }))).toEqual(['live', false]);
    expect(verdict(answer(403, { message: 'IP not authorized' }))).toEqual(['live', false]);
    expect(verdict(answer(429, { code: 'insufficient_quota', message: 'quota' }))).toEqual(['live', false]);
    expect(verdict(answer(429, { code: null, message: 'project reached its spend limit' }))).toEqual(['live', false]);
    expect(verdict(answer(429, { code: 'rate_limit_exceeded', message: 'slow down' }))).toEqual(['live', false]);
  });

  it('a 403 on the admin endpoint with an OpenAI body is an admin key lacking that scope; elsewhere it is unknown', () => {
    const body = { message: 'You do not have access', code: null };
    expect(verdict(answer(403, body), true)).toEqual(['live', false]);
    expect(verdict(answer(403, body), false)).toEqual(['unknown', false]);
    expect(verdict(answer(403, null), true)).toEqual(['unknown', false]);
  });

  it('region blocks and owners outside an organisation are unknown, not revoked', () => {
    expect(verdict(answer(403, { code: 'unsupported_country_region_territory', message: 'Country not supported' }))).toEqual(['unknown', false]);
    expect(verdict(answer(401, { message: 'You must be a member of an organization to use the API.' }))).toEqual(['unknown', false]);
  });

  it('5xx and network errors are never revoked: unknown, and worth asking again', () => {
    for (const status of [500, 502, 503, 504, 599]) expect(verdict(answer(status, { code: 'server_error' }))).toEqual(['unknown', true]);
    expect(verdict(answer(500, null))).toEqual(['unknown', true]);
    expect(verdict({ kind: 'network-error', reason: 'ECONNRESET' })).toEqual(['unknown', true]);
    expect(verdict(answer(429, null))).toEqual(['unknown', true]);
    expect(verdict(answer(404, { code: 'not_found' }))).toEqual(['unknown', false]);
  });

  it('reads Retry-After in seconds and as a date, and the scope list of a refusal', () => {
    expect(interpret(answer(503, null, { 'retry-after': '3' }), false).retryAfterMs).toBe(3000);
    expect(retryAfter({ 'retry-after': 'not a date' })).toEqual({});
    expect(retryAfter({})).toEqual({});
    expect(retryAfter({ 'retry-after': new Date(Date.now() + 60_000).toUTCString() }).retryAfterMs).toBeGreaterThan(50_000);
    expect(missingScopes('Missing scopes: api.model.read, api.responses.write. Check')).toEqual(['api.model.read', 'api.responses.write']);
    expect(missingScopes('nothing here')).toEqual([]);
  });
});

describe('the detail each verdict carries (what a user reads)', () => {
  const detail = (outcome: HttpOutcome, admin = false) => interpret(outcome, admin).detail;
  it('says why, for every class of answer', () => {
    expect(detail({ kind: 'network-error', reason: 'timed out' })).toBe('no answer from OpenAI: timed out');
    expect(detail(answer(200, null))).toBe('OpenAI accepted the key (HTTP 200)');
    expect(detail(answer(302, null))).toBe("HTTP 302 redirect, not followed: keys go to OpenAI's API host only");
    expect(detail(answer(401, { code: 'invalid_api_key' }))).toBe('HTTP 401 invalid_api_key: OpenAI no longer accepts this key');
    expect(detail(answer(403, { code: 'unsupported_country_region_territory' }))).toBe("HTTP 403 unsupported_country_region_territory: this machine's network is blocked, the key was not evaluated");
    expect(detail(answer(403, { message: 'Missing scopes: api.model.read.' }))).toBe('HTTP 403: the key authenticated but lacks scope api.model.read (a restricted key)');
    expect(detail(answer(401, { message: 'You have insufficient permissions for this operation.' }))).toBe('HTTP 401: the key authenticated but lacks a permission (a restricted key)');
    expect(detail(answer(403, { message: 'Request not authorized from this IP' }))).toBe('HTTP 403: the key is valid but restricted to other IP addresses');
    expect(detail(answer(401, { message: 'You must be a member of an organization to use the API.' }))).toBe('HTTP 401: the key resolved but its owner is no longer in an organisation; it cannot be used now');
    expect(detail(answer(403, { message: 'no' }), true)).toBe('HTTP 403: an admin key without this scope (a read-only or restricted admin key)');
    expect(detail(answer(403, { message: 'no', code: 'forbidden' }))).toBe('HTTP 403 forbidden: not a definitive answer');
    expect(detail(answer(403, { message: 'no' }))).toBe('HTTP 403: not a definitive answer');
    expect(detail(answer(403, null))).toBe('HTTP 403 without an OpenAI error body: not a definitive answer');
    expect(detail(answer(429, null))).toBe('HTTP 429 without an OpenAI error body (an edge limit)');
    expect(detail(answer(429, { code: 'insufficient_quota', message: 'You exceeded your current quota' }))).toBe('HTTP 429 insufficient_quota: the key works but its organisation has no credit left (hard limit)');
    expect(detail(answer(429, { message: 'Your project reached its spend limit' }))).toBe('HTTP 429: the key works but its project reached its spend limit');
    expect(detail(answer(429, { code: 'rate_limit_exceeded', message: 'x' }))).toBe('HTTP 429 rate_limit_exceeded: the key works and is rate limited');
    expect(detail(answer(429, { message: 'x' }))).toBe('HTTP 429: the key works and is rate limited');
    expect(detail(answer(502, null))).toBe("HTTP 502: OpenAI's side failed");
    expect(detail(answer(404, { code: 'not_found' }))).toBe('HTTP 404 not_found: not a definitive answer');
    expect(detail(answer(418, { message: 'x' }))).toBe('HTTP 418: not a definitive answer');
  });

  it('status boundaries: 299 live, 300 and 399 redirects, 400 and 499 not definitive, 500 retried', () => {
    expect(interpret(answer(299, null), false).status).toBe('live');
    expect(interpret(answer(300, null), false).detail).toContain('redirect');
    expect(interpret(answer(399, null), false).detail).toContain('redirect');
    expect(interpret(answer(400, null), false)).toMatchObject({ status: 'unknown', retry: false });
    expect(interpret(answer(400, null), false).detail).not.toContain('redirect');
    expect(interpret(answer(499, null), false)).toMatchObject({ status: 'unknown', retry: false });
    expect(interpret(answer(199, null), false)).toMatchObject({ status: 'unknown', retry: false });
  });

  it('only an object under "error" is an OpenAI error body', () => {
    const raw = (body: string): HttpOutcome => ({ kind: 'response', status: 403, headers: {}, body });
    expect(interpret(raw('{"error": null}'), true).status).toBe('unknown');
    expect(interpret(raw('{"error": "denied"}'), true).status).toBe('unknown');
    expect(interpret(raw('null'), true).status).toBe('unknown');
    expect(interpret(raw('{"error": {"message": "no"}}'), true).status).toBe('live');
  });

  it('reads singular and unspaced scope lists, and bounds Retry-After dates', () => {
    expect(missingScopes('Missing scope: api.model.read')).toEqual(['api.model.read']);
    expect(missingScopes('missing scopes:a.b,c.d')).toEqual(['a.b', 'c.d']);
    expect(missingScopes('Missing scopes: a.b, c.d')).toEqual(['a.b', 'c.d']);
    expect(interpret(answer(403, { message: 'Missing scope: api.model.read' }), false).status).toBe('live');
    expect(retryAfter({ 'retry-after': '' })).toEqual({});
    const inAMinute = retryAfter({ 'retry-after': new Date(Date.now() + 60_000).toUTCString() }).retryAfterMs!;
    expect(inAMinute).toBeGreaterThan(55_000);
    expect(inAMinute).toBeLessThanOrEqual(60_000);
    expect(retryAfter({ 'retry-after': '-5' })).toEqual({ retryAfterMs: 0 });
  });
});
