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

const renderSample = (family: ErrorFamily, status: number) => {
  const sample = SAMPLES[status];
  return ERROR_RENDERERS[family]({
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
};

/**
 * Documents a route's error responses, with examples rendered by the family's own renderer: the
 * docs cannot drift from what the filter sends. A route shared by two contracts (`/status/{id}`)
 * names both families and gets one named example per family.
 */
export const ApiContractErrors = (
  families: ErrorFamily | ErrorFamily[],
  ...statuses: number[]
): MethodDecorator =>
  applyDecorators(
    ...statuses.map((status) => {
      const list = Array.isArray(families) ? families : [families];
      const rendered = list.map((family) => ({ family, ...renderSample(family, status) }));
      const content =
        rendered.length === 1
          ? { example: rendered[0].body }
          : {
              examples: Object.fromEntries(
                rendered.map(({ family, body }) => [family, { summary: family, value: body }]),
              ),
            };
      return ApiResponse({
        status: rendered[0].status,
        description: SAMPLES[status].description,
        content: { 'application/json': content },
      });
    }),
  );
