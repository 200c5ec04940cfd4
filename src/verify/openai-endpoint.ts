import { isIP } from 'node:net';
import { UsageError } from '../core/errors.js';

export const OPENAI_API = 'https://api.openai.com';

/**
 * Where keys are sent: OpenAI's API host, always. KEYSWEEP_OPENAI_BASE_URL may name a loopback address
 * (127.0.0.0/8 or ::1, with a port) so tests can stand in a local server; nothing else is accepted, and
 * nothing in a scanned repository (config, .env, package.json) is ever read for this.
 */
export function apiBaseUrl(env: Record<string, string | undefined>): string {
  const override = env.KEYSWEEP_OPENAI_BASE_URL;
  if (override === undefined || override === '') return OPENAI_API;
  let url: URL;
  try {
    url = new URL(override);
  } catch {
    throw new UsageError('KEYSWEEP_OPENAI_BASE_URL is not a URL; it may only name a loopback test server');
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopback = (isIP(host) === 4 && host.startsWith('127.')) || host === '::1';
  if (!loopback || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || (url.pathname !== '/' && url.pathname !== '')) {
    throw new UsageError('KEYSWEEP_OPENAI_BASE_URL may only name a loopback address (127.0.0.0/8 or [::1]) for tests; keys are never sent anywhere else');
  }
  return `${url.protocol}//${url.host}`;
}
