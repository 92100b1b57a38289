import type { ConfigService } from '@nestjs/config';
import type { Request } from 'express';
import type { Env } from '../../config/env.js';
import { UPLOAD_TTL_HOURS } from '../../uploads/upload-state.js';
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
  [RateLimitName.LeadPerMinute]: {
    points: config.get('RATE_LIMIT_LEAD_PER_MINUTE', { infer: true }),
    windowSeconds: 60,
    tracker: callerTracker,
  },
  [RateLimitName.LeadPerSecond]: {
    points: config.get('RATE_LIMIT_LEAD_PER_SECOND', { infer: true }),
    windowSeconds: 1,
    tracker: callerTracker,
  },
  [RateLimitName.LeadStatusPerUpload]: {
    points: config.get('RATE_LIMIT_LEAD_STATUS_PER_UPLOAD', { infer: true }),
    // An upload's status-request budget lasts as long as the upload.
    windowSeconds: UPLOAD_TTL_HOURS * 3600,
    // Per caller too, so nobody can spend another user's budget by polling their upload's id.
    tracker: (request) => `${callerTracker(request)}:upload:${String(request.params.id)}`,
  },
});
