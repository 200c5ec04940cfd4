import type { HttpOutcome, Interpretation } from './openai-response.js';
import { interpret } from './openai-response.js';

export type RetryPolicy = {
  /** Retries after the first attempt (default 2). */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Epoch ms after which no new attempt starts (the overall verification budget). */
  deadline: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
};

export type CheckedAnswer = Interpretation & { outcome: HttpOutcome; attempts: number };

/**
 * Sends a request until its answer is definitive: retries only what interpret() marks retryable (network
 * errors, 5xx, 429s that are not OpenAI's), at most `maxRetries` times, with jittered exponential backoff
 * that honours Retry-After, and never past the deadline. What is still not definitive stays `unknown`.
 */
export async function checkWithRetries(send: () => Promise<HttpOutcome>, admin: boolean, policy: RetryPolicy): Promise<CheckedAnswer> {
  let attempts = 0;
  for (;;) {
    const outcome = await send();
    attempts++;
    const answer = interpret(outcome, admin);
    if (!answer.retry || attempts > policy.maxRetries) return { ...answer, outcome, attempts };
    const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempts - 1) * (0.5 + policy.random()));
    const delay = Math.min(policy.maxDelayMs, Math.max(answer.retryAfterMs ?? 0, backoff));
    if (policy.now() + delay >= policy.deadline) {
      return { ...answer, detail: `${answer.detail} (no retry: the verification time budget would run out)`, outcome, attempts };
    }
    await policy.sleep(delay);
  }
}
