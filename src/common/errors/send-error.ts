import { Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ERROR_RENDERERS, type ErrorFamilySelector } from './error-family.js';
import { normalizeError } from './normalize-error.js';

const logger = new Logger('Errors');

/**
 * Renders any error in the family's shape, and logs what the client must not see. Used by the
 * exception filter and by the few Express middlewares that run outside Nest's pipeline.
 */
export function sendError(
  request: Request,
  response: Response,
  exception: unknown,
  family: ErrorFamilySelector,
): void {
  const error = normalizeError(exception, request.path);
  if (error.status >= 500) logger.error({ error: exception, kind: error.kind }, 'request failed');
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const rendered = ERROR_RENDERERS[typeof family === 'function' ? family(request) : family](error);
  for (const [name, value] of Object.entries(error.headers)) response.setHeader(name, value);
  response.status(rendered.status).json(rendered.body);
}
