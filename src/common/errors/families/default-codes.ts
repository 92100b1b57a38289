import { ErrorKind } from '../error-kind.js';

/** The UPPER_SNAKE codes seeds 000, 001 and 003 share; each family overrides where its seed differs. */
export const DEFAULT_CODES: Readonly<Record<ErrorKind, string>> = {
  [ErrorKind.BadRequest]: 'BAD_REQUEST',
  [ErrorKind.Validation]: 'VALIDATION_ERROR',
  [ErrorKind.Unauthenticated]: 'UNAUTHORIZED',
  [ErrorKind.TokenExpired]: 'TOKEN_EXPIRED',
  [ErrorKind.InvalidToken]: 'INVALID_TOKEN',
  [ErrorKind.Forbidden]: 'FORBIDDEN',
  [ErrorKind.NotFound]: 'NOT_FOUND',
  [ErrorKind.Conflict]: 'CONFLICT',
  [ErrorKind.PayloadTooLarge]: 'PAYLOAD_TOO_LARGE',
  [ErrorKind.UnsupportedMediaType]: 'UNSUPPORTED_MEDIA_TYPE',
  [ErrorKind.RateLimited]: 'RATE_LIMITED',
  [ErrorKind.Internal]: 'INTERNAL_ERROR',
  [ErrorKind.Database]: 'DATABASE_ERROR',
  [ErrorKind.Unavailable]: 'SERVICE_UNAVAILABLE',
};
