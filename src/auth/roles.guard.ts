import { type CanActivate, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AppException } from '../common/errors/app.exception.js';
import { ErrorKind } from '../common/errors/error-kind.js';
import type { AuthUser, Role } from './auth-user.js';

const ROLES = 'intake:roles';

export const Roles = (...roles: Role[]): ClassDecorator & MethodDecorator =>
  SetMetadata(ROLES, roles);

/** Runs after the JWT guard: the caller needs at least one of the route's groups. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!required || required.length === 0) return true;
    const user = context.switchToHttp().getRequest<Request & { user?: AuthUser }>().user;
    if (user && required.some((role) => user.groups.includes(role))) return true;
    throw new AppException(
      ErrorKind.Forbidden,
      `Requires one of the groups: ${required.join(', ')}`,
    );
  }
}
