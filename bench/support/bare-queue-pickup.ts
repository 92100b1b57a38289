import { Queue, Worker } from 'bullmq';

/**
 * Bare BullMQ in this process: `jobs` jobs added from `concurrency` parallel producers to a worker
 * that does nothing. Returns each job's pickup delay (processedOn − timestamp), in ms.
 */
export async function bareQueuePickups(jobs: number, concurrency: number): Promise<number[]> {
  const connection = { url: process.env.REDIS_URL ?? 'redis://localhost:6379' };
  const name = `bench-bare-${Date.now()}`;
  const queue = new Queue(name, { connection, prefix: 'bench' });
  const delays: number[] = [];
  const worker = new Worker(
    name,
    (job) => {
      delays.push(job.processedOn! - job.timestamp);
      return Promise.resolve();
    },
    { connection, prefix: 'bench', concurrency: 32 },
  );
  await worker.waitUntilReady();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < jobs) {
        next += 1;
        await queue.add('noop', {}, { removeOnComplete: true });
      }
    }),
  );
  while (delays.length < jobs) await new Promise((wait) => setTimeout(wait, 10));
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return delays;
}
