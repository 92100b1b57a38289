import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

const RELEASE_IF_OWNER = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * Runs `task` only if no other replica holds the named lock; the lock expires by itself if this
 * process dies. Returns undefined when another replica is running it.
 */
export async function runExclusively<T>(
  redis: Redis,
  lock: string,
  ttlMs: number,
  task: () => Promise<T>,
): Promise<T | undefined> {
  const key = `lock:${lock}`;
  const owner = randomUUID();
  const acquired = await redis.set(key, owner, 'PX', ttlMs, 'NX');
  if (acquired !== 'OK') return undefined;
  try {
    return await task();
  } finally {
    await redis.eval(RELEASE_IF_OWNER, 1, key, owner);
  }
}
