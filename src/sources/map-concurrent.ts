import pLimit from 'p-limit';

/**
 * Maps an async iterable with at most `concurrency` calls in flight, yielding results as they complete.
 * Pulls from the input only as results are consumed, so a walk of a million files never queues a million reads.
 */
export async function* mapConcurrent<T, R>(items: AsyncIterable<T>, concurrency: number, fn: (item: T) => Promise<R>): AsyncGenerator<R> {
  const limit = pLimit(concurrency);
  const pending = new Map<number, Promise<{ key: number; value: R }>>();
  let next = 0;
  for await (const item of items) {
    const key = next++;
    pending.set(key, limit(() => fn(item)).then((value) => ({ key, value })));
    if (pending.size >= concurrency * 2) {
      const done = await Promise.race(pending.values());
      pending.delete(done.key);
      yield done.value;
    }
  }
  while (pending.size > 0) {
    const done = await Promise.race(pending.values());
    pending.delete(done.key);
    yield done.value;
  }
}
