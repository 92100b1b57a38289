import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Request, Response } from 'express';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Env } from '../../config/env.js';
import { REDIS } from '../../queue/redis.module.js';
import { AppException } from '../errors/app.exception.js';
import { ErrorKind } from '../errors/error-kind.js';
import type { RateLimitName } from './rate-limit.names.js';
import { type RateLimitPolicy, rateLimitPolicies } from './rate-limit.policies.js';

interface Limiter {
  policy: RateLimitPolicy;
  limiter: RateLimiterRedis;
}

/**
 * Counts requests against named limits in Redis, so every replica enforces the same numbers. If
 * Redis is unreachable, an in-process counter stands in rather than refusing all traffic.
 */
@Injectable()
export class RateLimitService {
  private readonly limiters = new Map<RateLimitName, Limiter>();

  constructor(@Inject(REDIS) redis: Redis, config: ConfigService<Env, true>) {
    const policies = Object.entries(rateLimitPolicies(config)) as [
      RateLimitName,
      RateLimitPolicy,
    ][];
    for (const [name, policy] of policies) {
      const options = {
        keyPrefix: `rate:${name}`,
        points: policy.points,
        duration: policy.windowSeconds,
      };
      this.limiters.set(name, {
        policy,
        limiter: new RateLimiterRedis({
          ...options,
          storeClient: redis,
          insuranceLimiter: new RateLimiterMemory(options),
        }),
      });
    }
  }

  /**
   * Counts the request against each limit, all at once (one Redis round trip's wait, not one per
   * limit); throws a 429 (with `Retry-After`) past any of them.
   */
  async consume(names: RateLimitName[], request: Request, response: Response): Promise<void> {
    const outcomes = await Promise.allSettled(
      names.map((name) => {
        const { policy, limiter } = this.limiters.get(name)!;
        return limiter.consume(policy.tracker(request)).then(
          (result) => ({ policy, result }),
          (rejection: unknown) => Promise.reject({ policy, rejection }),
        );
      }),
    );
    let refused: { policy: RateLimitPolicy; rejection: RateLimiterRes } | undefined;
    for (const outcome of outcomes) {
      if (outcome.status === 'fulfilled') {
        if (!refused) setRateLimitHeaders(response, outcome.value.policy, outcome.value.result);
        continue;
      }
      const { policy, rejection } = outcome.reason as {
        policy: RateLimitPolicy;
        rejection: unknown;
      };
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      refused ??= { policy, rejection };
    }
    if (!refused) return;
    setRateLimitHeaders(response, refused.policy, refused.rejection);
    throw new AppException(ErrorKind.RateLimited, 'Too many requests, retry later', {
      headers: {
        'Retry-After': String(Math.max(1, Math.ceil(refused.rejection.msBeforeNext / 1000))),
      },
    });
  }
}

function setRateLimitHeaders(
  response: Response,
  policy: RateLimitPolicy,
  result: RateLimiterRes,
): void {
  response.setHeader('RateLimit-Limit', policy.points);
  response.setHeader('RateLimit-Remaining', Math.max(0, result.remainingPoints));
  response.setHeader('RateLimit-Reset', Math.max(0, Math.ceil(result.msBeforeNext / 1000)));
}
