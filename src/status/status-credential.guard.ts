import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ApiKeyGuard } from '../auth/api-keys/api-key.guard.js';
import { JwtAuthGuard } from '../auth/jwt/jwt-auth.guard.js';
import { isSectionCaller } from './status-caller.js';

/** Authenticates each caller with its own contract's credential: API key or bearer token. */
@Injectable()
export class StatusCredentialGuard implements CanActivate {
  constructor(
    private readonly apiKeys: ApiKeyGuard,
    private readonly bearer: JwtAuthGuard,
  ) {}

  canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    return isSectionCaller(request)
      ? this.apiKeys.canActivate(context)
      : this.bearer.canActivate(context);
  }
}
