import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { requestContext, type RequestContext } from '../logging/request-context.js';
import { httpRequestDuration } from '../metrics/http-metrics.js';
import { REQUEST_ID_HEADER, requestIdFrom } from './request-id.js';

const logger = new Logger('HTTP');

/**
 * First in the chain: gives the request an id (echoed as `X-Request-Id`), runs the rest inside its
 * logging context, and on finish writes one access-log line and one metrics sample.
 */
export function requestContextMiddleware(
  request: Request,
  response: Response,
  next: NextFunction,
): void {
  const started = process.hrtime.bigint();
  const context: RequestContext = { requestId: requestIdFrom(request.headers[REQUEST_ID_HEADER]) };
  response.setHeader('X-Request-Id', context.requestId);
  response.once('finish', () => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const route = (request.route as { path?: string } | undefined)?.path ?? 'unmatched';
    httpRequestDuration.observe(
      { method: request.method, route, status: response.statusCode },
      seconds,
    );
    requestContext.run(context, () =>
      logger.log(
        {
          method: request.method,
          path: request.originalUrl.split('?')[0],
          status: response.statusCode,
          duration_ms: Math.round(seconds * 1e5) / 100,
        },
        'request completed',
      ),
    );
  });
  requestContext.run(context, next);
}
