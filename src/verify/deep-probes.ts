import type { Permission } from '../core/types.js';
import type { OpenAIRequest } from './openai-client.js';
import { type HttpOutcome, missingScopes, openAIError } from './openai-response.js';

/** One permission probe. Reads are GETs; writes are POSTs whose body lacks a required field, so OpenAI
 *  rejects them in validation, after the scope check and before anything is created or billed. */
export type Probe = { scope: string; access: 'read' | 'write'; request: OpenAIRequest };

const EMPTY = '{}';
export const PROJECT_PROBES: Probe[] = [
  { scope: 'models', access: 'read', request: { method: 'GET', path: '/v1/models' } },
  { scope: 'files', access: 'read', request: { method: 'GET', path: '/v1/files?limit=1' } },
  { scope: 'fine_tuning', access: 'read', request: { method: 'GET', path: '/v1/fine_tuning/jobs?limit=1' } },
  { scope: 'assistants', access: 'read', request: { method: 'GET', path: '/v1/assistants?limit=1', headers: { 'OpenAI-Beta': 'assistants=v2' } } },
  { scope: 'evals', access: 'read', request: { method: 'GET', path: '/v1/evals?limit=1' } },
  { scope: 'responses', access: 'read', request: { method: 'GET', path: '/v1/responses/resp_keysweep_probe' } },
  { scope: 'model_capabilities', access: 'write', request: { method: 'POST', path: '/v1/chat/completions', body: EMPTY } },
  { scope: 'responses', access: 'write', request: { method: 'POST', path: '/v1/responses', body: EMPTY } },
  { scope: 'files', access: 'write', request: { method: 'POST', path: '/v1/files', body: EMPTY } },
  { scope: 'fine_tuning', access: 'write', request: { method: 'POST', path: '/v1/fine_tuning/jobs', body: EMPTY } },
  { scope: 'assistants', access: 'write', request: { method: 'POST', path: '/v1/assistants', body: EMPTY, headers: { 'OpenAI-Beta': 'assistants=v2' } } },
];

/** Admin read endpoints: which of them answer is an admin key's organisation-level reach. */
export function adminReachProbes(now: number): Probe[] {
  const since = Math.floor(now / 1000) - 86_400;
  return [
    ['admin_api_keys', '/v1/organization/admin_api_keys?limit=1'],
    ['projects', '/v1/organization/projects?limit=1'],
    ['users', '/v1/organization/users?limit=1'],
    ['invites', '/v1/organization/invites?limit=1'],
    ['audit_logs', '/v1/organization/audit_logs?limit=1'],
    ['costs', `/v1/organization/costs?start_time=${since}&limit=1`],
  ].map(([scope, path]) => ({ scope: scope!, access: 'read' as const, request: { method: 'GET' as const, path: path! } }));
}

export type ProbeResult = 'allowed' | 'denied' | 'failed' | 'write-accepted';

/** Allowed: the scope check passed (200, or a validation error 400/404/415/422 after it). Denied: a missing-scope refusal. */
export function probeResult(probe: Probe, outcome: HttpOutcome): ProbeResult {
  if (outcome.kind !== 'response') return 'failed';
  const { status } = outcome;
  if (status >= 200 && status < 300) return probe.request.method === 'GET' ? 'allowed' : 'write-accepted';
  if ([400, 404, 415, 422].includes(status)) return 'allowed';
  if (status === 401 || status === 403) {
    const error = openAIError(outcome.body);
    if (error?.code === 'invalid_api_key') return 'failed';
    return /missing scope|insufficient permission/i.test(error?.message ?? '') || (status === 403 && error !== null) ? 'denied' : 'failed';
  }
  return 'failed';
}

export type Classification = { permission: Permission | null; allowed: string[]; denied: string[]; note: string };

/** OpenAI's three levels from probe results: every probe allowed → all; reads allowed, writes denied → read-only; else restricted. */
export function classify(results: Array<{ probe: Probe; result: ProbeResult; outcome: HttpOutcome }>): Classification {
  const name = (p: Probe) => `${p.scope}.${p.access}`;
  const allowed = results.filter((r) => r.result === 'allowed').map((r) => name(r.probe));
  const denied = results.filter((r) => r.result === 'denied').map((r) => {
    const scopes = r.outcome.kind === 'response' ? missingScopes(openAIError(r.outcome.body)?.message ?? '') : [];
    return scopes.length > 0 ? `${name(r.probe)} (${scopes.join(', ')})` : name(r.probe);
  });
  if (results.some((r) => r.result === 'write-accepted')) {
    return { permission: null, allowed, denied, note: 'a write probe was accepted (2xx): probing stopped at once; please report this to keysweep' };
  }
  const failed = results.filter((r) => r.result === 'failed').length;
  if (failed > 0) return { permission: null, allowed, denied, note: `${failed} probe(s) got no definitive answer, so the level is not classified` };
  const reads = results.filter((r) => r.probe.access === 'read');
  const writes = results.filter((r) => r.probe.access === 'write');
  if (results.every((r) => r.result === 'allowed')) return { permission: 'all', allowed, denied, note: 'every probed read and write scope is allowed' };
  if (reads.every((r) => r.result === 'allowed') && writes.every((r) => r.result === 'denied')) {
    return { permission: 'read-only', allowed, denied, note: 'reads allowed, writes denied' };
  }
  return { permission: 'restricted', allowed, denied, note: 'some scopes allowed, some denied' };
}
