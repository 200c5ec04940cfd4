import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

/** How the stand-in answers for one key. */
export type Profile =
  | 'live-all'
  | 'read-only'
  | 'restricted'
  | 'revoked'
  | 'admin-live'
  | 'admin-read-only'
  | 'admin-revoked'
  | 'quota'
  | 'rate-limited'
  | 'region'
  | 'ip-restricted'
  | 'not-found'
  | 'slow'
  | 'reset'
  | 'flaky-500'
  | 'edge-429'
  | 'malformed'
  | 'redirect'
  | 'write-accepts';

export type RecordedRequest = { method: string; path: string; key: string; body: string; headers: IncomingMessage['headers']; at: number };

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};
const error = (message: string, type: string, code: string | null) => ({ error: { message, type, param: null, code } });
const invalidKey = error('Incorrect API key provided: sk-abc*****wxyz. You can find your API key at https://platform.openai.com/account/api-keys.', 'invalid_request_error', 'invalid_api_key');
const missing = (scope: string) => error(`You have insufficient permissions for this operation. Missing scopes: ${scope}. Check that you have the correct role in your organization (Reader, Writer, Owner) and project (Member, Owner), and if you're using a restricted API key, that it has the necessary scopes.`, 'invalid_request_error', null);
const PROJECT_HEADERS = { 'openai-project': 'proj_Abc123def456ghi789jkl012', 'openai-organization': 'user-demoorg' };

const servers: Array<{ close: () => void }> = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/**
 * A real HTTP server on 127.0.0.1 that answers like OpenAI's API, per key profile: status codes and JSON
 * error bodies as documented (shared/openai-keys.md §3.3), restricted keys with per-scope answers, admin
 * keys, and faults. It records every request so tests can assert exactly what was sent.
 */
export async function fakeOpenAI(profiles: Map<string, Profile>) {
  const requests: RecordedRequest[] = [];
  const attempts = new Map<string, number>();
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      res.on('close', () => inFlight--);
      const key = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      const path = req.url ?? '';
      requests.push({ method: req.method ?? '', path, key, body: Buffer.concat(chunks).toString('utf8'), headers: req.headers, at: Date.now() });
      const seen = (attempts.get(key) ?? 0) + 1;
      attempts.set(key, seen);
      answer(profiles.get(key), req.method ?? 'GET', path, seen, req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({ close: () => server.close() });
  server.on('connection', (socket) => servers.push({ close: () => socket.destroy() }));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, maxInFlight: () => maxInFlight };
}

function answer(profile: Profile | undefined, method: string, path: string, attempt: number, req: IncomingMessage, res: ServerResponse): void {
  const isWrite = method !== 'GET';
  switch (profile) {
    case undefined:
    case 'revoked':
    case 'admin-revoked':
      return json(res, 401, invalidKey);
    case 'live-all':
    case 'write-accepts':
      if (profile === 'write-accepts' && isWrite) return json(res, 201, { id: 'created' });
      return projectLive(path, isWrite, res, () => true);
    case 'read-only':
      return projectLive(path, isWrite, res, (write) => !write);
    case 'restricted':
      // models and files denied; chat completions allowed; everything else read-only
      return projectLive(path, isWrite, res, (write, p) => !p.startsWith('/v1/files') && !p.startsWith('/v1/models') && (!write || p.startsWith('/v1/chat')));
    case 'admin-live':
      return json(res, 200, { object: 'list', data: [], has_more: false });
    case 'admin-read-only':
      if (path.startsWith('/v1/organization/admin_api_keys') || path.startsWith('/v1/organization/projects')) return json(res, 200, { object: 'list', data: [] });
      return json(res, 403, missing('api.management.read'));
    case 'quota':
      return json(res, 429, error('You exceeded your current quota, please check your plan and billing details.', 'insufficient_quota', 'insufficient_quota'));
    case 'rate-limited':
      return json(res, 429, error('Rate limit reached for requests', 'requests', 'rate_limit_exceeded'));
    case 'region':
      return json(res, 403, { error: { type: 'request_forbidden', code: 'unsupported_country_region_territory', message: 'Country, region, or territory not supported.' } });
    case 'ip-restricted':
      return json(res, 401, error('IP not authorized for this project.', 'invalid_request_error', null));
    case 'not-found':
      return json(res, 404, error('Not found', 'invalid_request_error', null));
    case 'slow':
      setTimeout(() => json(res, 200, { data: [] }), 3_000);
      return;
    case 'reset':
      req.socket.destroy();
      return;
    case 'flaky-500':
      return attempt === 1 ? json(res, 500, error('The server had an error while processing your request.', 'server_error', null)) : json(res, 200, { data: [] }, PROJECT_HEADERS);
    case 'edge-429':
      if (attempt === 1) {
        res.writeHead(429, { 'retry-after': '1', 'content-type': 'text/html' });
        res.end('<html>Too Many Requests</html>');
        return;
      }
      return json(res, 200, { data: [] });
    case 'malformed':
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"error": {"message": "Incorr');
      return;
    case 'redirect':
      res.writeHead(302, { location: 'http://127.0.0.1:9/v1/models' });
      res.end();
      return;
  }
}

function projectLive(path: string, isWrite: boolean, res: ServerResponse, allowed: (write: boolean, path: string) => boolean): void {
  if (path === '/v1/me') return json(res, 200, { object: 'user', id: 'user-1234', name: 'Dana Developer', email: 'dana@example.test', phone_number: '+15555550123', orgs: { object: 'list', data: [{ object: 'organization', id: 'org-abcd', title: 'Demo' }] } });
  const scope = `api.${path.split('/')[2]?.split('?')[0] ?? 'x'}.${isWrite ? 'write' : 'read'}`;
  if (!allowed(isWrite, path)) return json(res, path.startsWith('/v1/models') ? 403 : 401, missing(scope));
  if (isWrite) return json(res, 400, error('Missing required parameter: model.', 'invalid_request_error', 'missing_required_parameter'));
  if (path.startsWith('/v1/responses/')) return json(res, 404, error('No response found', 'invalid_request_error', null));
  return json(res, 200, { object: 'list', data: [] }, PROJECT_HEADERS);
}
