import { SetMetadata } from '@nestjs/common';
import type { Request } from 'express';

/** Named limits; each contract's limits join this list, and RATE_LIMIT_POLICIES, as its module arrives. */
export enum RateLimitName {
  /** Per caller, on every guarded route that names no other limit. */
  Default = 'default',
  /** Seed 000, per user on `/uploads` and `/status`: requests per minute ... */
  LeadPerMinute = 'lead-minute',
  /** ... and per second (bursts). */
  LeadPerSecond = 'lead-second',
  /** Seed 000: status requests per upload id, over the upload's life. */
  LeadStatusPerUpload = 'lead-status-upload',
}

export const RATE_LIMITS = 'intake:rate-limits';

/** The limits a request counts against: fixed per route, or chosen per request (a shared path). */
export type RateLimitSelector = RateLimitName[] | ((request: Request) => RateLimitName[]);

/** The limits a route counts against, instead of the default. */
export const RateLimits = (selector: RateLimitSelector): ClassDecorator & MethodDecorator =>
  SetMetadata(RATE_LIMITS, selector);

/** Seed 000's limits on `/uploads` and `/status/{uploadId}`. */
export const LEAD_RATE_LIMITS = [RateLimitName.LeadPerMinute, RateLimitName.LeadPerSecond];
