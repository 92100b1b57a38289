import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Redis } from 'ioredis';
import type { Env } from '../config/env.js';
import { redisOptionsFromUrl } from './redis-options.js';

export const REDIS = Symbol('REDIS');

/** One shared Redis client for rate limits, locks and health; BullMQ opens its own. */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>) =>
        new Redis({
          ...redisOptionsFromUrl(config.get('REDIS_URL', { infer: true })),
          keyPrefix: `${config.get('REDIS_PREFIX', { infer: true })}:`,
          maxRetriesPerRequest: 3,
          // Commands issued in the same tick (a request's rate limits, concurrent requests'
          // ones) go out in one write: a loopback write costs more than the command.
          enableAutoPipelining: true,
        }),
    },
  ],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
