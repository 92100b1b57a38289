import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { badRequest, validationFailed } from '../common/errors/app.exception.js';

const MAX_HEADER_LENGTH = { 'session-id': 128, 'idempotency-key': 255 } as const;

const headerOf = (context: ExecutionContext, name: keyof typeof MAX_HEADER_LENGTH) => {
  const value = context.switchToHttp().getRequest<Request>().headers[name]?.toString().trim();
  if (value && value.length > MAX_HEADER_LENGTH[name]) {
    throw validationFailed({
      location: 'header',
      field: [name],
      message: `${name} must be at most ${MAX_HEADER_LENGTH[name]} characters`,
      type: 'string_too_long',
    });
  }
  return value || undefined;
};

/** Seed 003: `Session-Id` groups a report's jobs and is required on `/generate` and `/refine`. */
export const SessionId = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const sessionId = headerOf(context, 'session-id');
  if (!sessionId) throw badRequest('Session-Id is required');
  return sessionId;
});

/** Optional `Idempotency-Key`: a retried request with the same key and body gets the same job. */
export const IdempotencyKey = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | undefined =>
    headerOf(context, 'idempotency-key'),
);
