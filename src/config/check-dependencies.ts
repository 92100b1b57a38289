import { Redis } from 'ioredis';
import { ensureDatabase } from '../database/ensure-database.js';
import { redisOptionsFromUrl } from '../queue/redis-options.js';
import type { Env } from './env.js';

const where = (url: string): string => {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || (parsed.protocol.startsWith('redis') ? 6379 : 5432)}`;
};

const reason = (error: unknown): string =>
  (error as { code?: string }).code ?? (error as Error).message ?? String(error);

/** Reaches Postgres (creating the database when missing) and Redis, or says which one is down. */
export async function checkDependencies(env: Env): Promise<void> {
  try {
    await ensureDatabase(env.DATABASE_URL);
  } catch (error) {
    throw new Error(`cannot reach Postgres at ${where(env.DATABASE_URL)} (${reason(error)})`, {
      cause: error,
    });
  }
  const redis = new Redis({
    ...redisOptionsFromUrl(env.REDIS_URL),
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  let lastError: unknown;
  redis.on('error', (error) => (lastError = error));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(
      `cannot reach Redis at ${where(env.REDIS_URL)} (${reason(lastError ?? error)})`,
      {
        cause: error,
      },
    );
  } finally {
    redis.disconnect();
  }
}
