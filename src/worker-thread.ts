import 'reflect-metadata';
import { parentPort } from 'node:worker_threads';
import { validateEnv } from './config/env.js';

/**
 * The queue workers of an `APP_ROLE=all` process, on a thread of their own (started by
 * `QueueWorkerThread` with `APP_ROLE=worker`). A start-up error ends the thread and reaches the
 * main thread as its `error` event.
 */
async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('worker-thread.js runs only as a worker thread');
  const env = validateEnv(process.env);
  const { createWorkerContext } = await import('./app.factory.js');
  const context = await createWorkerContext(env);
  // Closing lets running jobs finish (BullMQ's worker close) before the thread ends.
  port.once('message', () => {
    void context.close().finally(() => process.exit(0));
  });
  port.postMessage('ready');
}

await main();
