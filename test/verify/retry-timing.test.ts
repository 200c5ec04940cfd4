import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../src/verify/rate-limiter.js';
import { type RetryPolicy, checkWithRetries } from '../../src/verify/retrying-check.js';
import type { HttpOutcome } from '../../src/verify/openai-response.js';

/** A clock that only moves when something sleeps: timing is asserted exactly, without waiting. */
function fakeClock(start = 1_000_000) {
  let now = start;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    random: () => 0.5,
    sleeps,
  };
}

const answers = (...outcomes: HttpOutcome[]) => {
  let i = 0;
  return async () => outcomes[Math.min(i++, outcomes.length - 1)]!;
};
const status = (code: number, headers: Record<string, string> = {}, body = '<html></html>'): HttpOutcome => ({ kind: 'response', status: code, headers, body });

describe('retries, on an injected clock', () => {
  const policy = (clock: ReturnType<typeof fakeClock>, over: Partial<RetryPolicy> = {}): RetryPolicy => ({ maxRetries: 2, baseDelayMs: 500, maxDelayMs: 10_000, deadline: clock.now() + 120_000, ...clock, ...over });

  it('backs off exponentially (jitter 0.5 → ×1), honours a longer Retry-After, and stops after two retries', async () => {
    const clock = fakeClock();
    const answer = await checkWithRetries(answers(status(503), status(503), status(503)), false, policy(clock));
    expect(answer).toMatchObject({ status: 'unknown', attempts: 3 });
    expect(clock.sleeps).toEqual([500, 1000]);
    const retryAfter = fakeClock();
    const later = await checkWithRetries(answers(status(429, { 'retry-after': '3' }), status(200)), false, policy(retryAfter));
    expect(later).toMatchObject({ status: 'live', attempts: 2 });
    expect(retryAfter.sleeps).toEqual([3000]);
  });

  it('never waits past the budget, and never longer than the cap', async () => {
    const clock = fakeClock();
    const answer = await checkWithRetries(answers(status(500, { 'retry-after': '60' }), status(200)), false, policy(clock, { deadline: clock.now() + 5000 }));
    expect(answer.status).toBe('unknown');
    expect(answer.detail).toContain('(no retry: the verification time budget would run out)');
    expect(clock.sleeps).toEqual([]);
    const capped = fakeClock();
    await checkWithRetries(answers(status(500, { 'retry-after': '600' }), status(200)), false, policy(capped));
    expect(capped.sleeps).toEqual([10_000]);
  });

  it('does not retry a definitive answer', async () => {
    const clock = fakeClock();
    const answer = await checkWithRetries(answers(status(401, {}, JSON.stringify({ error: { code: 'invalid_api_key' } }))), false, policy(clock));
    expect(answer).toMatchObject({ status: 'revoked', attempts: 1 });
    expect(clock.sleeps).toEqual([]);
  });
});

describe('the rate limiter, on an injected clock', () => {
  it('lets a burst through, then one request per 1/perSecond seconds, in order', async () => {
    const clock = fakeClock();
    const take = createRateLimiter(4, 4, clock);
    const at: number[] = [];
    await Promise.all(Array.from({ length: 8 }, async () => {
      await take();
      at.push(clock.now() - 1_000_000);
    }));
    expect(at).toEqual([0, 0, 0, 0, 250, 500, 750, 1000]);
  });
});
