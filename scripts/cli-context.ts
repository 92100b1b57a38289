import 'reflect-metadata';
import { type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CredentialsModule } from '../src/auth/credentials.module.js';
import { configModule } from '../src/config/config.module.js';
import { checkDependencies } from '../src/config/check-dependencies.js';
import { validateEnv } from '../src/config/env.js';
import { DatabaseModule } from '../src/database/database.module.js';

/** The database and stored credentials, without HTTP or queues: enough for the admin CLIs. */
export async function cliContext(): Promise<INestApplicationContext> {
  await checkDependencies(validateEnv(process.env));
  @Module({ imports: [await configModule(), DatabaseModule, CredentialsModule] })
  class CliModule {}
  return NestFactory.createApplicationContext(CliModule, { logger: ['error'] });
}

/** Runs a CLI, printing a one-line error and exiting non-zero on failure. */
export function runCli(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: Error) => {
      process.stderr.write(`intake: ${error.message}\n`);
      process.exit(1);
    },
  );
}
