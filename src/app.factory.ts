import type {
  DynamicModule,
  INestApplication,
  INestApplicationContext,
  Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module.js';
import { ContractExceptionFilter } from './common/errors/contract-exception.filter.js';
import { PLATFORM_ERROR_FAMILY } from './common/errors/error-family.js';
import { BodyErrorGuard, deferredBodyParser } from './common/http/deferred-body-parser.js';
import { requestContextMiddleware } from './common/http/request-context.middleware.js';
import { createRootLogger } from './common/logging/root-logger.js';
import { PinoLoggerService } from './common/logging/pino-logger.service.js';
import { ContractValidationPipe } from './common/validation/contract-validation.pipe.js';
import type { Env } from './config/env.js';
import { setupApiDocs } from './docs/swagger.js';

export interface AppOptions {
  /** A module that imports `AppModule.forRoot()` and adds to it (tests, benchmarks). */
  rootModule?: Type;
  /** Where log lines go instead of stdout. */
  logDestination?: DestinationStream;
  /** Start the queue workers on a worker thread (main.ts, when `placeWorkersOnThread` says so). */
  queueWorkerThread?: boolean;
}

const appLogger = (env: Env, destination?: DestinationStream) =>
  new PinoLoggerService(
    createRootLogger({ level: env.LOG_LEVEL, format: env.LOG_FORMAT }, destination),
  );

/** The application as `main.ts` runs it and as the e2e tests exercise it. */
export async function createApp(env: Env, options: AppOptions = {}): Promise<INestApplication> {
  const root: Type | DynamicModule =
    options.rootModule ??
    (await AppModule.forRoot({ queueWorkerThread: options.queueWorkerThread }));
  const app = await NestFactory.create<NestExpressApplication>(root, {
    logger: appLogger(env, options.logDestination),
    abortOnError: false,
    bodyParser: false,
  });
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.disable('x-powered-by');
  app.use(requestContextMiddleware);
  app.use(deferredBodyParser(env.JSON_BODY_LIMIT));
  app.useGlobalGuards(new BodyErrorGuard());
  app.useGlobalFilters(new ContractExceptionFilter(PLATFORM_ERROR_FAMILY));
  app.useGlobalPipes(new ContractValidationPipe());
  app.enableShutdownHooks();
  setupApiDocs(app);
  return app;
}

/** The queue workers alone, with no HTTP server: the worker thread of an `APP_ROLE=all` process. */
export async function createWorkerContext(env: Env): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(await AppModule.forRoot(), {
    logger: appLogger(env),
    abortOnError: false,
  });
}
