import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ERROR_RENDERERS, type ErrorFamily } from './error-family.js';
import { ErrorKind } from './error-kind.js';

const SAMPLES: Record<number, { kind: ErrorKind; message: string; description: string }> = {
  400: {
    kind: ErrorKind.BadRequest,
    message: 'The request cannot be processed as sent',
    description: 'Bad request',
  },
  401: {
    kind: ErrorKind.Unauthenticated,
    message: 'A bearer token is required',
    description: 'Missing or invalid credentials',
  },
  403: {
    kind: ErrorKind.Forbidden,
    message: 'Requires one of the groups: editor',
    description: 'Not in the required group',
  },
  404: {
    kind: ErrorKind.NotFound,
    message: 'Not found',
    description: 'No such resource for this caller',
  },
  409: {
    kind: ErrorKind.Conflict,
    message: 'Conflicts with the current state',
    description: 'Conflict',
  },
  413: {
    kind: ErrorKind.PayloadTooLarge,
    message: 'File too large: the limit is 5 MB',
    description: 'Too large',
  },
  422: {
    kind: ErrorKind.Validation,
    message: 'Request validation failed',
    description: 'Validation failed',
  },
  429: {
    kind: ErrorKind.RateLimited,
    message: 'Too many requests, retry later',
    description: 'Rate limited',
  },
  503: {
    kind: ErrorKind.Unavailable,
    message: 'The service is temporarily unavailable',
    description: 'Unavailable',
  },
};

/**
 * Documents a route's error responses, with examples rendered by the family's own renderer: the
 * docs cannot drift from what the filter sends.
 */
export const ApiContractErrors = (family: ErrorFamily, ...statuses: number[]): MethodDecorator =>
  applyDecorators(
    ...statuses.map((status) => {
      const sample = SAMPLES[status];
      const rendered = ERROR_RENDERERS[family]({
        kind: sample.kind,
        status,
        message: sample.message,
        details:
          sample.kind === ErrorKind.Validation
            ? [
                {
                  location: 'body',
                  field: ['field'],
                  message: 'field must be a string',
                  type: 'isString',
                },
              ]
            : undefined,
        headers: {},
        path: '/path',
        timestamp: '2026-01-01T00:00:00.000Z',
      });
      return ApiResponse({
        status: rendered.status,
        description: sample.description,
        content: { 'application/json': { example: rendered.body } },
      });
    }),
  );
