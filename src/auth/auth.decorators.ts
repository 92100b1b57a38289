import {
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { Request } from 'express';
import { RateLimitGuard } from '../common/rate-limit/rate-limit.guard.js';
import type { AuthUser, Role } from './auth-user.js';
import { JwtAuthGuard } from './jwt/jwt-auth.guard.js';
import { Roles, RolesGuard } from './roles.guard.js';

/** A bearer token is required; with roles, the caller needs one of those groups. Rate-limited per user. */
export const Auth = (...roles: Role[]): ClassDecorator & MethodDecorator =>
  applyDecorators(
    UseGuards(JwtAuthGuard, RolesGuard, RateLimitGuard),
    Roles(...roles),
    ApiBearerAuth('bearer'),
  );

/** The verified caller of a route under `@Auth()`. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthUser =>
    context.switchToHttp().getRequest<Request & { user: AuthUser }>().user,
);
