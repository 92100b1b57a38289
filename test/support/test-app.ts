import type { INestApplication } from '@nestjs/common';
import supertest from 'supertest';
import TestAgent from 'supertest/lib/agent.js';
import { createApp } from '../../src/app.factory.js';
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
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const app = await createApp(validateEnv(process.env));
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
