/** A token bucket shared by every request of a run: at most `perSecond` on average, `burst` at once. */
export function createRateLimiter(perSecond: number, burst: number, clock: { now: () => number; sleep: (ms: number) => Promise<void> }): () => Promise<void> {
  let tokens = burst;
  let last = clock.now();
  let queue = Promise.resolve();
  const take = async () => {
    for (;;) {
      const now = clock.now();
      tokens = Math.min(burst, tokens + ((now - last) / 1000) * perSecond);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return;
      }
      await clock.sleep(((1 - tokens) / perSecond) * 1000);
    }
  };
  // Callers are served in order, so one slow waiter cannot be overtaken forever.
  return () => (queue = queue.then(take));
}
