import DataLoader from 'dataloader';

/**
 * Collects the calls made in one turn of the event loop and runs them as one batch (a single
 * statement or script instead of a round trip each). Nothing is cached: each call is answered by
 * the batch that follows it. `run` answers the keys in order, an Error for a key that failed.
 */
export function turnBatcher<Key, Value>(
  run: (keys: readonly Key[]) => Promise<(Value | Error)[]>,
  maxBatchSize = 200,
): DataLoader<Key, Value> {
  return new DataLoader(run, {
    cache: false,
    batchScheduleFn: (flush) => setImmediate(flush),
    maxBatchSize,
  });
}
