import { HttpException } from '@nestjs/common';
import { EntityNotFoundError, QueryFailedError } from 'typeorm';
import { AppException } from './app.exception.js';
import { ErrorKind, KIND_STATUS } from './error-kind.js';
import type { NormalizedError } from './normalized-error.js';

const KIND_BY_STATUS: Record<number, ErrorKind> = {
  400: ErrorKind.BadRequest,
  401: ErrorKind.Unauthenticated,
  403: ErrorKind.Forbidden,
  404: ErrorKind.NotFound,
  405: ErrorKind.NotFound,
  409: ErrorKind.Conflict,
  413: ErrorKind.PayloadTooLarge,
  415: ErrorKind.UnsupportedMediaType,
  422: ErrorKind.Validation,
  429: ErrorKind.RateLimited,
  503: ErrorKind.Unavailable,
};

const SAFE_MESSAGES: Partial<Record<ErrorKind, string>> = {
  [ErrorKind.Internal]: 'An unexpected error occurred',
  [ErrorKind.Database]: 'A database operation failed',
  [ErrorKind.Unavailable]: 'The service is temporarily unavailable',
};

/** Status of errors thrown by Express middleware (body-parser) before Nest sees the request. */
const middlewareStatus = (error: unknown): number | undefined => {
  const status = (error as { status?: unknown; statusCode?: unknown }).status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
};

function httpMessage(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

function classify(error: unknown): Pick<NormalizedError, 'kind' | 'status' | 'message'> & {
  code?: string;
  details?: NormalizedError['details'];
  headers?: Record<string, string>;
} {
  if (error instanceof AppException) {
    const { code, details, headers, status } = error.options;
    return {
      kind: error.kind,
      status: status ?? KIND_STATUS[error.kind],
      message: error.message,
      code,
      details,
      headers,
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const kind =
      KIND_BY_STATUS[status] ?? (status >= 500 ? ErrorKind.Internal : ErrorKind.BadRequest);
    return { kind, status, message: httpMessage(error) };
  }
  if (error instanceof EntityNotFoundError) {
    return { kind: ErrorKind.NotFound, status: 404, message: 'Not found' };
  }
  if (error instanceof QueryFailedError) {
    return { kind: ErrorKind.Database, status: 500, message: '' };
  }
  const status = middlewareStatus(error);
  if (status !== undefined) {
    const kind = KIND_BY_STATUS[status] ?? ErrorKind.BadRequest;
    const message =
      (error as { type?: string }).type === 'entity.parse.failed'
        ? 'Request body is not valid JSON'
        : (error as Error).message;
    return { kind, status, message };
  }
  return { kind: ErrorKind.Internal, status: 500, message: '' };
}

/** Reduces anything thrown to a kind, a status and a message that is safe to show. */
export function normalizeError(error: unknown, path: string): NormalizedError {
  const classified = classify(error);
  return {
    ...classified,
    message: SAFE_MESSAGES[classified.kind] ?? classified.message,
    headers: classified.headers ?? {},
    path,
    timestamp: new Date().toISOString(),
  };
}
