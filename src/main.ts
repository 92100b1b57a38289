import 'reflect-metadata';
import { ConfigError, validateEnv } from './config/env.js';
import { checkDependencies } from './config/check-dependencies.js';
import { placeWorkersOnThread } from './config/app-role.js';

/** Start-up failures are one line naming the cause, not a stack trace. */
function fail(message: string): never {
  process.stderr.write(`intake: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let env;
  try {
    env = validateEnv(process.env);
  } catch (error) {
    fail(error instanceof ConfigError ? error.message : String(error));
  }
  await checkDependencies(env).catch((error: Error) => fail(error.message));
  const queueWorkerThread = placeWorkersOnThread(env);
  const { createApp } = await import('./app.factory.js');
  try {
    const app = await createApp(env, { queueWorkerThread });
    await app.listen(env.PORT, env.HOST);
  } catch (error) {
    fail(`failed to start: ${(error as Error).message}`);
  }
  // Nest's shutdown hooks drain HTTP and let running jobs finish; this bounds how long that may take.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(
        () => fail(`shutdown took longer than ${env.SHUTDOWN_TIMEOUT_MS} ms`),
        env.SHUTDOWN_TIMEOUT_MS,
      ).unref();
    });
  }
}

void main();
