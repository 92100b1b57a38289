import type { DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { validateEnv } from './env.js';

/**
 * The validated environment behind `ConfigService<Env, true>`. Built when the app is created,
 * not when this file is imported, so each app (and each test app) reads the environment it starts with.
 */
export const configModule = (): Promise<DynamicModule> =>
  ConfigModule.forRoot({
    isGlobal: true,
    cache: true,
    validate: (raw) => ({ ...validateEnv(raw) }),
  });
