import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { ContractExceptionFilter } from './common/errors/contract-exception.filter.js';
import { PLATFORM_ERROR_FAMILY } from './common/errors/error-family.js';
import { requestContextMiddleware } from './common/http/request-context.middleware.js';
import { createRootLogger } from './common/logging/root-logger.js';
import { PinoLoggerService } from './common/logging/pino-logger.service.js';
import { ContractValidationPipe } from './common/validation/contract-validation.pipe.js';
import type { Env } from './config/env.js';
import { setupApiDocs } from './docs/swagger.js';

/** The application as `main.ts` runs it and as the e2e tests exercise it. */
export async function createApp(env: Env): Promise<INestApplication> {
  const logger = new PinoLoggerService(
    createRootLogger({ level: env.LOG_LEVEL, format: env.LOG_FORMAT }),
  );
  const app = await NestFactory.create<NestExpressApplication>(await AppModule.forRoot(), {
    logger,
    abortOnError: false,
  });
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.disable('x-powered-by');
  app.use(requestContextMiddleware);
  app.useGlobalFilters(new ContractExceptionFilter(PLATFORM_ERROR_FAMILY));
  app.useGlobalPipes(new ContractValidationPipe());
  app.enableShutdownHooks();
  setupApiDocs(app);
  return app;
}
