import { type ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import jwt from 'jsonwebtoken';
import { setContextUser } from '../../common/logging/request-context.js';
import { AppException } from '../../common/errors/app.exception.js';
import { ErrorKind } from '../../common/errors/error-kind.js';
import type { AuthUser } from '../auth-user.js';
import { JWT_STRATEGY } from './jwt.strategy.js';
import { VerifiedTokenCache } from './verified-token.cache.js';

const BEARER = /^Bearer (\S+)$/i;

/** Verifies the bearer token through passport, unless it was verified before and has not expired. */
@Injectable()
export class JwtAuthGuard extends AuthGuard(JWT_STRATEGY) {
  constructor(private readonly verified: VerifiedTokenCache) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
    const cached = token ? this.verified.get(token) : undefined;
    if (cached) {
      request.user = cached;
    } else {
      await super.canActivate(context);
      const user = request.user as AuthUser;
      if (token) this.verified.set(token, user);
    }
    setContextUser(request.user!.id);
    return true;
  }

  override handleRequest<T = AuthUser>(error: unknown, user: T | false, info: unknown): T {
    if (user) return user;
    if (info instanceof jwt.TokenExpiredError) {
      throw new AppException(ErrorKind.TokenExpired, 'The token has expired');
    }
    if (info instanceof Error && info.message === 'No auth token') {
      throw new AppException(ErrorKind.Unauthenticated, 'A bearer token is required');
    }
    if (error instanceof AppException) throw error;
    throw new AppException(ErrorKind.InvalidToken, 'The token is invalid');
  }
}
