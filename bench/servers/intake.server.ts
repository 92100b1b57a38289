import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { placeWorkersOnThread } from '../../src/config/app-role.js';
import { checkDependencies } from '../../src/config/check-dependencies.js';
import { validateEnv } from '../../src/config/env.js';
import { BENCH_GROUPS, BENCH_USER, ME_BODY } from '../suites/auth-body.js';

/** The same body as `/me`, with no guard: the framework's own ceiling for this app. */
@Controller('bench')
class AnonymousMeController {
  @Get('anonymous-me')
  me(): typeof ME_BODY {
    return ME_BODY;
  }
}

/**
 * The real app (plus the anonymous route) on a free port, with its queue workers placed as
 * main.ts places them; reports the port and tokens over IPC.
 */
async function main(): Promise<void> {
  const env = validateEnv(process.env);
  await checkDependencies(env);
  // As in main.ts: the role is settled before the modules are imported.
  const queueWorkerThread = placeWorkersOnThread(env);
  const { createApp } = await import('../../src/app.factory.js');
  const { AppModule } = await import('../../src/app.module.js');
  const { SigningKeyService } = await import('../../src/auth/issuer/signing-key.service.js');
  @Module({
    imports: [await AppModule.forRoot({ queueWorkerThread })],
    controllers: [AnonymousMeController],
  })
  class BenchAppModule {}
  const app = await createApp(env, { rootModule: BenchAppModule });
  await app.listen(0, '127.0.0.1');
  const signingKeys = app.get(SigningKeyService);
  process.send?.({
    port: (app.getHttpServer().address() as { port: number }).port,
    token: signingKeys.issueAccessToken({ sub: BENCH_USER, groups: BENCH_GROUPS }),
    // A user of its own each run, so files uploaded by earlier runs are not duplicates.
    uploaderToken: signingKeys.issueAccessToken({
      sub: `bench-${Date.now()}`,
      groups: ['uploader'],
    }),
    databaseUrl: env.DATABASE_URL,
  });
}

void main();
