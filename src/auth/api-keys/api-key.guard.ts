import {
  applyDecorators,
  type CanActivate,
  type ExecutionContext,
  Injectable,
  UseGuards,
} from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';
import type { Request } from 'express';
import { AppException } from '../../common/errors/app.exception.js';
import { ErrorKind } from '../../common/errors/error-kind.js';
import { RateLimitGuard } from '../../common/rate-limit/rate-limit.guard.js';
import type { ApiKey } from './api-key.entity.js';
import { ApiKeyService } from './api-key.service.js';

type RequestWithKey = Request & { apiKey?: ApiKey };

@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly apiKeys: ApiKeyService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithKey>();
    const presented = request.headers['x-api-key'];
    if (typeof presented !== 'string' || presented === '') {
      throw new AppException(ErrorKind.Unauthenticated, 'X-API-Key header is required');
    }
    const key = await this.apiKeys.verify(presented);
    if (!key) throw new AppException(ErrorKind.Unauthenticated, 'Invalid API key');
    request.apiKey = key;
    return true;
  }
}

/** The route needs a valid `X-API-Key`. Rate-limited per key. */
export const ApiKeyAuth = (): ClassDecorator & MethodDecorator =>
  applyDecorators(UseGuards(ApiKeyGuard, RateLimitGuard), ApiSecurity('api-key'));
