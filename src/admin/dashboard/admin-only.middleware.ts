import type { NextFunction, Request, Response } from 'express';
import passport from 'passport';
import { Role, type AuthUser } from '../../auth/auth-user.js';
import { JWT_STRATEGY } from '../../auth/jwt/jwt.strategy.js';
import { AppException } from '../../common/errors/app.exception.js';
import { PLATFORM_ERROR_FAMILY } from '../../common/errors/error-family.js';
import { ErrorKind } from '../../common/errors/error-kind.js';
import { sendError } from '../../common/errors/send-error.js';

/** bull-board is plain Express, outside Nest's guards: the same JWT strategy, then the admin group. */
export function adminOnly(request: Request, response: Response, next: NextFunction): void {
  passport.authenticate(
    JWT_STRATEGY,
    { session: false },
    (error: unknown, user: AuthUser | false) => {
      if (error || !user) {
        sendError(
          request,
          response,
          new AppException(ErrorKind.Unauthenticated, 'A valid bearer token is required'),
          PLATFORM_ERROR_FAMILY,
        );
      } else if (!user.groups.includes(Role.Admin)) {
        sendError(
          request,
          response,
          new AppException(ErrorKind.Forbidden, 'Requires the admin group'),
          PLATFORM_ERROR_FAMILY,
        );
      } else {
        next();
      }
    },
  )(request, response, next);
}
