import type { ConfigService } from '@nestjs/config';
import type { Request } from 'express';
import type { Env } from '../../config/env.js';
import { RateLimitName } from './rate-limit.names.js';
import { callerTracker } from './rate-limit.trackers.js';

export interface RateLimitPolicy {
  /** Requests allowed per window. */
  points: number;
  windowSeconds: number;
  /** Whose bucket a request counts against. */
  tracker: (request: Request) => string;
}

/** Every limit with its numbers. A name without a policy here is a compile error. */
export const rateLimitPolicies = (
  config: ConfigService<Env, true>,
): Record<RateLimitName, RateLimitPolicy> => ({
  [RateLimitName.Default]: {
    points: config.get('RATE_LIMIT_DEFAULT_PER_MINUTE', { infer: true }),
    windowSeconds: 60,
    tracker: callerTracker,
  },
});
