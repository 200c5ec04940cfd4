import { describe, expect, it } from 'vitest';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { createOpenAIClient } from '../../src/verify/openai-client.js';
import { OPENAI_API, apiBaseUrl } from '../../src/verify/openai-endpoint.js';

const rng = seededRng(87);

describe('where keys may go', () => {
  it('OpenAI by default; only a loopback IP (parsed, compared exactly) may stand in', () => {
    expect(apiBaseUrl({})).toBe('https://api.openai.com');
    expect(OPENAI_API).toBe('https://api.openai.com');
    expect(apiBaseUrl({ KEYSWEEP_OPENAI_BASE_URL: '' })).toBe('https://api.openai.com');
    expect(apiBaseUrl({ KEYSWEEP_OPENAI_BASE_URL: 'https://127.0.0.1:8443' })).toBe('https://127.0.0.1:8443');
    expect(() => apiBaseUrl({ KEYSWEEP_OPENAI_BASE_URL: 'http://10.0.0.1' })).toThrow('KEYSWEEP_OPENAI_BASE_URL may only name a loopback address (127.0.0.0/8 or [::1]) for tests; keys are never sent anywhere else');
    expect(() => apiBaseUrl({ KEYSWEEP_OPENAI_BASE_URL: 'http://127.0.0.1:1?x=1' })).not.toThrow();
    expect(apiBaseUrl({ KEYSWEEP_OPENAI_BASE_URL: 'http://127.0.0.1:8080' })).toBe('http://127.0.0.1:8080');
    expect(apiBaseUrl({ KEYSWEEP_OPENAI_BASE_URL: 'http://127.5.6.7:1/' })).toBe('http://127.5.6.7:1');
    expect(apiBaseUrl({ KEYSWEEP_OPENAI_BASE_URL: 'http://[::1]:9' })).toBe('http://[::1]:9');
    for (const url of [
      'http://127.evil.test',
      'http://127.0.0.1.nip.io',
      'http://localhost:1',
      'http://128.0.0.1',
      'http://10.0.0.1',
      'http://user:pw@127.0.0.1',
      'http://127.0.0.1/v1/proxy',
      'ftp://127.0.0.1',
      'https://api.openai.com.evil.test',
      'http://[::2]',
      'http://0x7f000001',
      'not a url',
    ]) {
      let result: string | null = null;
      try {
        result = apiBaseUrl({ KEYSWEEP_OPENAI_BASE_URL: url });
      } catch (error) {
        expect((error as Error).message, url).toMatch(/KEYSWEEP_OPENAI_BASE_URL/);
      }
      // The WHATWG parser turns 0x7f000001 into 127.0.0.1: that is loopback, and allowed; nothing else is.
      if (result !== null) expect(result, url).toBe('http://127.0.0.1');
    }
  });
});

describe('the only code that sends a key', () => {
  function recordingClient() {
    const calls: Array<{ url: string; init: RequestInit }> = [];
    const fetch = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response('{}', { status: 200 });
    }) as unknown as typeof globalThis.fetch;
    return { calls, client: createOpenAIClient('http://127.0.0.1:9', { timeoutMs: 1000, userAgent: 'ua', fetch }) };
  }

  it('sends a project key to project paths and an admin key to admin paths, with no redirects followed', async () => {
    const { calls, client } = recordingClient();
    const project = fakeKey('project-v2', rng);
    const admin = fakeKey('admin', rng);
    expect(await client.send(project, 'project', { method: 'GET', path: '/v1/models' })).toMatchObject({ kind: 'response', status: 200 });
    expect(await client.send(admin, 'admin', { method: 'GET', path: '/v1/organization/admin_api_keys?limit=1' })).toMatchObject({ status: 200 });
    expect(calls.map((c) => c.url)).toEqual(['http://127.0.0.1:9/v1/models', 'http://127.0.0.1:9/v1/organization/admin_api_keys?limit=1']);
    expect(calls[0]!.init.redirect).toBe('manual');
    expect((calls[0]!.init.headers as Record<string, string>).Authorization).toBe(`Bearer ${project}`);
    expect(calls[0]!.init.signal).toBeInstanceOf(AbortSignal);
  });

  it('refuses, without sending: a string without the marker, a key whose prefix contradicts its claimed type, a key to the other class of endpoint', async () => {
    const { calls, client } = recordingClient();
    const project = fakeKey('legacy', rng);
    const admin = fakeKey('admin', rng);
    await expect(client.send('sk-ant-api03-notanopenaikey', 'project', { method: 'GET', path: '/v1/models' })).rejects.toThrow(/marker/);
    await expect(client.send(project, 'admin', { method: 'GET', path: '/v1/organization/admin_api_keys' })).rejects.toThrow(/refusing/);
    await expect(client.send(admin, 'project', { method: 'GET', path: '/v1/models' })).rejects.toThrow(/refusing/);
    await expect(client.send(project, 'project', { method: 'GET', path: '/v1/organization/projects' })).rejects.toThrow(/refusing/);
    await expect(client.send(admin, 'admin', { method: 'GET', path: '/v1/models' })).rejects.toThrow(/refusing/);
    expect(calls).toEqual([]);
  });
});

describe('what the client sends and how it reports failures', () => {
  const key = fakeKey('project-v2', rng);
  function clientFailingWith(error: unknown) {
    const fetch = (async () => {
      throw error;
    }) as unknown as typeof globalThis.fetch;
    return createOpenAIClient('http://127.0.0.1:9', { timeoutMs: 1000, userAgent: 'ua', fetch });
  }

  it('names the failure without the request: timeout, the system error code, or the error name', async () => {
    const send = (error: unknown) => clientFailingWith(error).send(key, 'project', { method: 'GET', path: '/v1/models' });
    expect(await send(Object.assign(new Error('x'), { name: 'TimeoutError' }))).toEqual({ kind: 'network-error', reason: 'timed out' });
    expect(await send(Object.assign(new Error('x'), { name: 'AbortError' }))).toEqual({ kind: 'network-error', reason: 'timed out' });
    expect(await send(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }))).toEqual({ kind: 'network-error', reason: 'ECONNREFUSED' });
    expect(await send(new TypeError('fetch failed'))).toEqual({ kind: 'network-error', reason: 'TypeError' });
    expect(await send(null)).toEqual({ kind: 'network-error', reason: 'network error' });
  });

  it('sends JSON headers, a body and its content type only when there is a body, and returns status, headers and body', async () => {
    const calls: Array<{ url: string; init: RequestInit }> = [];
    const fetch = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response('{"ok":true}', { status: 400, headers: { 'X-Request-Id': 'r1' } });
    }) as unknown as typeof globalThis.fetch;
    const client = createOpenAIClient('http://127.0.0.1:9', { timeoutMs: 1000, userAgent: 'keysweep-test', fetch });
    const got = await client.send(key, 'project', { method: 'GET', path: '/v1/models' });
    expect(got).toEqual({ kind: 'response', status: 400, headers: expect.objectContaining({ 'x-request-id': 'r1' }), body: '{"ok":true}' });
    await client.send(key, 'project', { method: 'POST', path: '/v1/embeddings', body: '{}' });
    expect(calls[0]!.init.headers).toEqual({ Authorization: `Bearer ${key}`, Accept: 'application/json', 'User-Agent': 'keysweep-test' });
    expect(calls[0]!.init.body).toBeUndefined();
    expect(calls[0]!.init.method).toBe('GET');
    expect(calls[1]!.init.headers).toEqual({ Authorization: `Bearer ${key}`, Accept: 'application/json', 'User-Agent': 'keysweep-test', 'Content-Type': 'application/json' });
    expect(calls[1]!.init.body).toBe('{}');
  });

  it('its refusals say what was refused', async () => {
    const client = clientFailingWith(new Error('never called'));
    const admin = fakeKey('admin', rng);
    await expect(client.send(key, 'admin', { method: 'GET', path: '/v1/organization/admin_api_keys' })).rejects.toThrow('refusing to send a key classified as admin whose prefix says project');
    await expect(client.send(admin, 'admin', { method: 'GET', path: '/v1/models' })).rejects.toThrow('refusing to send an admin key to /v1/models');
    await expect(client.send(key, 'project', { method: 'GET', path: '/v1/organization/projects' })).rejects.toThrow('refusing to send a project key to /v1/organization/projects');
  });
});
