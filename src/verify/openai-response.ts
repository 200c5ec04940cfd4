import type { VerificationStatus } from '../core/types.js';

/** What came back from one request: an HTTP answer, or no answer at all. */
export type HttpOutcome =
  | { kind: 'response'; status: number; headers: Record<string, string>; body: string }
  | { kind: 'network-error'; reason: string };

/** The verdict one answer supports, and whether asking again could change it. */
export type Interpretation = { status: VerificationStatus; detail: string; retry: boolean; retryAfterMs?: number; missingScopes?: string[] };

type OpenAIError = { message?: string; type?: string; code?: string | null };

/** OpenAI's error body (`{"error": {...}}`), or null when the body is not one (an edge proxy, HTML, garbage). */
export function openAIError(body: string): OpenAIError | null {
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    if (parsed && typeof parsed.error === 'object' && parsed.error !== null) return parsed.error as OpenAIError;
  } catch {
    // not JSON: handled by the caller as "not an OpenAI answer"
  }
  return null;
}

const MISSING_SCOPES = /missing scopes?\b|insufficient permissions/i;

/** Scope names from "Missing scopes: api.model.read, api.responses.write." */
export function missingScopes(message: string): string[] {
  const m = /missing scopes?:?\s*([a-z0-9_.,\s-]+?)(?:\.\s|\.$|$)/i.exec(message);
  return m ? m[1]!.split(/[,\s]+/).filter(Boolean) : [];
}

/**
 * One answer to a liveness request, read the way shared/openai-keys.md §3.4 lays out: only 401 with
 * `invalid_api_key` means revoked; missing-scope refusals and OpenAI's own 429s mean the key authenticated
 * (live); anything else that is not 200 is unknown, and network errors, 5xx and 429s that are not
 * OpenAI's are worth asking again. `admin` marks the admin endpoint, where a plain 403 means an admin key
 * without that scope (read-only admin keys exist), not an unknown key.
 */
export function interpret(outcome: HttpOutcome, admin: boolean): Interpretation {
  if (outcome.kind === 'network-error') return { status: 'unknown', detail: `no answer from OpenAI: ${outcome.reason}`, retry: true };
  const { status, body } = outcome;
  const error = openAIError(body);
  const code = error?.code ?? null;
  const message = error?.message ?? '';
  if (status >= 200 && status < 300) return { status: 'live', detail: `OpenAI accepted the key (HTTP ${status})`, retry: false };
  if (status >= 300 && status < 400) return { status: 'unknown', detail: `HTTP ${status} redirect, not followed: keys go to OpenAI's API host only`, retry: false };
  if (status === 401 || status === 403) {
    if (status === 401 && code === 'invalid_api_key') return { status: 'revoked', detail: 'HTTP 401 invalid_api_key: OpenAI no longer accepts this key', retry: false };
    if (code === 'unsupported_country_region_territory') return { status: 'unknown', detail: `HTTP ${status} unsupported_country_region_territory: this machine's network is blocked, the key was not evaluated`, retry: false };
    if (MISSING_SCOPES.test(message)) {
      const scopes = missingScopes(message);
      return { status: 'live', detail: `HTTP ${status}: the key authenticated but lacks ${scopes.length ? `scope ${scopes.join(', ')}` : 'a permission'} (a restricted key)`, retry: false, missingScopes: scopes };
    }
    if (/ip not authorized|not authorized from this ip/i.test(message)) return { status: 'live', detail: `HTTP ${status}: the key is valid but restricted to other IP addresses`, retry: false };
    if (/must be a member of an organization/i.test(message)) return { status: 'unknown', detail: `HTTP ${status}: the key resolved but its owner is no longer in an organisation; it cannot be used now`, retry: false };
    if (status === 403 && admin && error) return { status: 'live', detail: 'HTTP 403: an admin key without this scope (a read-only or restricted admin key)', retry: false };
    return { status: 'unknown', detail: `HTTP ${status}${code ? ` ${code}` : error ? '' : ' without an OpenAI error body'}: not a definitive answer`, retry: false };
  }
  if (status === 429) {
    if (!error) return { status: 'unknown', detail: 'HTTP 429 without an OpenAI error body (an edge limit)', retry: true, ...retryAfter(outcome.headers) };
    if (code === 'insufficient_quota') return { status: 'live', detail: 'HTTP 429 insufficient_quota: the key works but its organisation has no credit left (hard limit)', retry: false };
    if (/spend limit/i.test(message)) return { status: 'live', detail: 'HTTP 429: the key works but its project reached its spend limit', retry: false };
    return { status: 'live', detail: `HTTP 429${code ? ` ${code}` : ''}: the key works and is rate limited`, retry: false };
  }
  if (status >= 500) return { status: 'unknown', detail: `HTTP ${status}: OpenAI's side failed`, retry: true, ...retryAfter(outcome.headers) };
  return { status: 'unknown', detail: `HTTP ${status}${code ? ` ${code}` : ''}: not a definitive answer`, retry: false };
}

/** Retry-After in seconds or as an HTTP date, in milliseconds. */
export function retryAfter(headers: Record<string, string>): { retryAfterMs?: number } {
  const value = headers['retry-after'];
  if (!value) return {};
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return { retryAfterMs: Math.max(0, seconds * 1000) };
  const date = Date.parse(value);
  return Number.isNaN(date) ? {} : { retryAfterMs: Math.max(0, date - Date.now()) };
}
