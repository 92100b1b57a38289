import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Request, Response } from 'express';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, type RateLimiterRes } from 'rate-limiter-flexible';
import type { Env } from '../../config/env.js';
import { REDIS } from '../../queue/redis.module.js';
import { AppException } from '../errors/app.exception.js';
import { ErrorKind } from '../errors/error-kind.js';
import type { RateLimitName } from './rate-limit.names.js';
import { type RateLimitPolicy, rateLimitPolicies } from './rate-limit.policies.js';
import { type WindowCount, WindowCounter } from './window-counter.js';

interface Limit {
  name: RateLimitName;
  policy: RateLimitPolicy;
  /** Counts in this process while Redis cannot be reached, rather than refusing all traffic. */
  fallback: RateLimiterMemory;
}

interface Counted {
  policy: RateLimitPolicy;
  count: WindowCount;
}

/** Counts requests against named limits in Redis, so every replica enforces the same numbers. */
@Injectable()
export class RateLimitService {
  private readonly limits = new Map<RateLimitName, Limit>();
  private readonly counter: WindowCounter;

  constructor(@Inject(REDIS) redis: Redis, config: ConfigService<Env, true>) {
    this.counter = new WindowCounter(redis);
    const policies = Object.entries(rateLimitPolicies(config)) as [
      RateLimitName,
      RateLimitPolicy,
    ][];
    for (const [name, policy] of policies) {
      const fallback = new RateLimiterMemory({
        points: policy.points,
        duration: policy.windowSeconds,
      });
      this.limits.set(name, { name, policy, fallback });
    }
  }

  /**
   * Counts the request against each limit, all at once; throws a 429 (with `Retry-After`) past
   * any of them. The headers describe the limit closest to running out.
   */
  async consume(names: RateLimitName[], request: Request, response: Response): Promise<void> {
    const counted = await Promise.all(
      names.map((name) => this.count(this.limits.get(name)!, request)),
    );
    const remaining = ({ policy, count }: Counted) => policy.points - count.consumed;
    const tightest = counted.reduce((a, b) => (remaining(b) < remaining(a) ? b : a));
    response.setHeader('RateLimit-Limit', tightest.policy.points);
    response.setHeader('RateLimit-Remaining', Math.max(0, remaining(tightest)));
    response.setHeader('RateLimit-Reset', Math.ceil(tightest.count.msBeforeNext / 1000));
    if (remaining(tightest) >= 0) return;
    throw new AppException(ErrorKind.RateLimited, 'Too many requests, retry later', {
      headers: {
        'Retry-After': String(Math.max(1, Math.ceil(tightest.count.msBeforeNext / 1000))),
      },
    });
  }

  private async count({ name, policy, fallback }: Limit, request: Request): Promise<Counted> {
    const tracker = policy.tracker(request);
    try {
      return {
        policy,
        count: await this.counter.count(`rate:${name}:${tracker}`, policy.windowSeconds * 1000),
      };
    } catch {
      // Redis is unreachable (the health check says so): count here rather than refuse everyone.
      const result = await fallback.consume(tracker).catch((refusal: RateLimiterRes) => refusal);
      return {
        policy,
        count: { consumed: result.consumedPoints, msBeforeNext: result.msBeforeNext },
      };
    }
  }
}
