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
