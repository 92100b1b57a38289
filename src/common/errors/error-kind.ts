/** What went wrong, independent of any contract; each error family renders it in its own words. */
export enum ErrorKind {
  BadRequest = 'bad_request',
  Validation = 'validation',
  Unauthenticated = 'unauthenticated',
  TokenExpired = 'token_expired',
  InvalidToken = 'invalid_token',
  Forbidden = 'forbidden',
  NotFound = 'not_found',
  Conflict = 'conflict',
  PayloadTooLarge = 'payload_too_large',
  UnsupportedMediaType = 'unsupported_media_type',
  RateLimited = 'rate_limited',
  Internal = 'internal',
  Database = 'database',
  Unavailable = 'unavailable',
}

export const KIND_STATUS: Record<ErrorKind, number> = {
  [ErrorKind.BadRequest]: 400,
  [ErrorKind.Validation]: 422,
  [ErrorKind.Unauthenticated]: 401,
  [ErrorKind.TokenExpired]: 401,
  [ErrorKind.InvalidToken]: 401,
  [ErrorKind.Forbidden]: 403,
  [ErrorKind.NotFound]: 404,
  [ErrorKind.Conflict]: 409,
  [ErrorKind.PayloadTooLarge]: 413,
  [ErrorKind.UnsupportedMediaType]: 415,
  [ErrorKind.RateLimited]: 429,
  [ErrorKind.Internal]: 500,
  [ErrorKind.Database]: 500,
  [ErrorKind.Unavailable]: 503,
};
