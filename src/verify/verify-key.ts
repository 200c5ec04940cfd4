import type { KeyType, Verification } from '../core/types.js';
import { type Probe, PROJECT_PROBES, adminReachProbes, classify, probeResult } from './deep-probes.js';
import type { OpenAIClient, OpenAIRequest } from './openai-client.js';
import type { HttpOutcome } from './openai-response.js';
import { ownerFromMe } from './redact-owner.js';
import { type RetryPolicy, checkWithRetries } from './retrying-check.js';
import type { VerifyDepth } from './verdict-cache.js';

export type KeyCheckContext = { client: OpenAIClient; policy: RetryPolicy; throttle: () => Promise<void>; depth: VerifyDepth };

/** The one request that decides liveness: GET /v1/models for project-class keys, the admin key list for admin keys. */
export const LIVENESS: Record<KeyType, OpenAIRequest> = {
  project: { method: 'GET', path: '/v1/models' },
  admin: { method: 'GET', path: '/v1/organization/admin_api_keys?limit=1' },
};

/** Checks one key: liveness, then with depth `deep` its permission level or reach, and with `deep-owner` its owner. */
export async function verifyKey(secret: string, keyType: KeyType, context: KeyCheckContext): Promise<Verification> {
  const admin = keyType === 'admin';
  const send = (request: OpenAIRequest) => async () => {
    await context.throttle();
    return context.client.send(secret, keyType, request);
  };
  const checkedAt = new Date(context.policy.now()).toISOString();
  if (context.policy.now() >= context.policy.deadline) {
    return { status: 'unknown', permission: null, detail: 'not checked: the verification time budget ran out', checkedAt };
  }
  const first = await checkWithRetries(send(LIVENESS[keyType]), admin, context.policy);
  const verification: Verification = { status: first.status, permission: null, detail: first.detail, checkedAt, ...identity(first.outcome) };
  if (first.status !== 'live' || context.depth === 'basic') return verification;

  const probes = admin ? adminReachProbes(context.policy.now()) : PROJECT_PROBES;
  const results: Array<{ probe: Probe; result: ReturnType<typeof probeResult>; outcome: HttpOutcome }> = [];
  for (const probe of probes) {
    const reused = probe.request.path === LIVENESS[keyType].path;
    const outcome = reused ? first.outcome : (await checkWithRetries(send(probe.request), admin, context.policy)).outcome;
    const result = probeResult(probe, outcome);
    results.push({ probe, result, outcome });
    if (result === 'write-accepted') break; // a write that succeeded is a bug in a probe: stop at once
  }
  if (admin) {
    verification.reach = results.filter((r) => r.result === 'allowed').map((r) => r.probe.scope);
    verification.detail = `${first.detail}; organisation-level reads that answer: ${verification.reach.join(', ') || 'none'}`;
  } else {
    const classification = classify(results);
    verification.permission = classification.permission;
    verification.scopes = { allowed: classification.allowed, denied: classification.denied };
    verification.detail = `${first.detail}; ${classification.note}`;
    if (context.depth === 'deep-owner') {
      const me = await checkWithRetries(send({ method: 'GET', path: '/v1/me' }), false, context.policy);
      if (me.outcome.kind === 'response' && me.outcome.status === 200) verification.owner = ownerFromMe(me.outcome.body);
    }
  }
  return verification;
}

function identity(outcome: HttpOutcome): Pick<Verification, 'projectId' | 'organization'> {
  if (outcome.kind !== 'response') return {};
  const project = outcome.headers['openai-project'];
  const organization = outcome.headers['openai-organization'];
  return { ...(project && /^proj_[A-Za-z0-9]+$/.test(project) ? { projectId: project } : {}), ...(organization && /^[A-Za-z0-9_-]{1,100}$/.test(organization) ? { organization } : {}) };
}
