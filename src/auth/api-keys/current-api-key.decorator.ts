import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { ApiKey } from './api-key.entity.js';

/** The verified key of a route under `@ApiKeyAuth()`. */
export const CurrentApiKey = createParamDecorator(
  (_data: unknown, context: ExecutionContext): ApiKey =>
    context.switchToHttp().getRequest<Request & { apiKey: ApiKey }>().apiKey,
);
