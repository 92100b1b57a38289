import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import supertest from 'supertest';
import TestAgent from 'supertest/lib/agent.js';
import { type AppOptions, createApp } from '../../src/app.factory.js';
import { AppModule } from '../../src/app.module.js';
import { SigningKeyService } from '../../src/auth/issuer/signing-key.service.js';
import { validateEnv } from '../../src/config/env.js';

export interface TestApp {
  app: INestApplication;
  http: TestAgent;
  /** A token from the built-in issuer. */
  token(sub: string, groups?: string[]): string;
  close(): Promise<void>;
}

/**
 * The real application (same factory as `main.ts`) on the run's database and Redis prefix.
 * `env` overrides settings for this app only.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: Omit<AppOptions, 'rootModule'> & { extend?: (root: DynamicModule) => Type } = {},
): Promise<TestApp> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const root = await AppModule.forRoot();
    const app = await createApp(validateEnv(process.env), {
      ...options,
      rootModule: options.extend?.(root),
    });
    await app.init();
    const signingKeys = app.get(SigningKeyService);
    return {
      app,
      http: supertest(app.getHttpServer()),
      token: (sub, groups = []) => signingKeys.issueAccessToken({ sub, groups }),
      close: () => app.close(),
    };
  } finally {
    process.env = saved;
  }
}
