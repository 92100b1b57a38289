import { SetMetadata } from '@nestjs/common';

/** Named limits; each contract's limits join this list, and RATE_LIMIT_POLICIES, as its module arrives. */
export enum RateLimitName {
  /** Per caller, on every guarded route that names no other limit. */
  Default = 'default',
}

export const RATE_LIMITS = 'intake:rate-limits';

/** The limits a route counts against, instead of the default. */
export const RateLimits = (...names: RateLimitName[]): ClassDecorator & MethodDecorator =>
  SetMetadata(RATE_LIMITS, names);
