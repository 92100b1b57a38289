import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { runExclusively } from '../src/queue/exclusive-run.js';
import { ReconcilerService, type UnfinishedJob } from '../src/queue/reconciler.service.js';
import { REDIS } from '../src/queue/redis.module.js';
import { RetentionService } from '../src/queue/retention.service.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { waitFor } from './support/until.js';

describe('the reconciler and the retention scheduler', () => {
  let api: TestApp;
  let queue: Queue;
  let unfinished: UnfinishedJob[];

  beforeAll(async () => {
    api = await startTestApp();
    queue = new Queue('reconcile-probe', {
      connection: { url: process.env.REDIS_URL, maxRetriesPerRequest: null },
      prefix: `${process.env.REDIS_PREFIX}:bull`,
    });
    api.app.get(ReconcilerService).register({
      name: 'probe',
      queue,
      findUnfinished: async () => unfinished,
    });
  });

  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    await api.close();
  });

  /** Runs a reconcile pass, waiting out one that another caller (the start-up pass) holds. */
  const reconcile = (): Promise<Record<string, number>> =>
    waitFor(
      () => api.app.get(ReconcilerService).reconcileAll(),
      (result) => 'probe' in result,
      { everyMs: 50, what: 'a reconcile pass of our own' },
    );
  const work = (id: string): UnfinishedJob => ({
    name: 'process',
    jobId: `probe-${id}`,
    data: { id },
  });
  const queuedIds = async () =>
    (await queue.getJobs(['waiting', 'delayed', 'active', 'failed'])).map((job) => job.id).sort();

  it('queues again what Postgres says is unfinished and the queue has lost, without duplicates', async () => {
    unfinished = [work('a'), work('b')];
    await queue.add('process', { id: 'a' }, { jobId: 'probe-a' });
    expect(await reconcile()).toMatchObject({ probe: 1 });
    expect(await queuedIds()).toEqual(['probe-a', 'probe-b']);
    expect(await reconcile()).toMatchObject({ probe: 0 });
    expect(await queue.getWaitingCount()).toBe(2);
  });

  it('recovers everything after Redis lost the queue', async () => {
    await queue.obliterate({ force: true });
    unfinished = [work('c'), work('d')];
    expect(await reconcile()).toMatchObject({ probe: 2 });
    expect(await queuedIds()).toEqual(['probe-c', 'probe-d']);
  });

  it('retries a job that failed while its record is still unfinished', async () => {
    await queue.obliterate({ force: true });
    await queue.add('process', { id: 'e' }, { jobId: 'probe-e' });
    const worker = new Worker(
      queue.name,
      async () => {
        throw new Error('boom');
      },
      {
        connection: { url: process.env.REDIS_URL, maxRetriesPerRequest: null },
        prefix: queue.opts.prefix,
      },
    );
    await new Promise((resolve) => worker.once('failed', resolve));
    await worker.close();
    expect(await (await queue.getJob('probe-e'))!.getState()).toBe('failed');
    unfinished = [work('e')];
    await reconcile();
    expect(['waiting', 'wait']).toContain(await (await queue.getJob('probe-e'))!.getState());
  });

  it('purges expired records through each registered policy', async () => {
    const seen: Date[] = [];
    api.app.get(RetentionService).register({
      name: 'probe-records',
      purgeExpired: async (now) => {
        seen.push(now);
        return 3;
      },
    });
    const now = new Date('2026-11-21T00:00:00Z');
    expect(await api.app.get(RetentionService).purgeAll(now)).toMatchObject({ 'probe-records': 3 });
    expect(seen).toEqual([now]);
  });

  it('runs a periodic task on one replica at a time', async () => {
    const redis = api.app.get<Redis>(REDIS);
    let inner: string | undefined = 'not run';
    const outer = await runExclusively(redis, 'probe-lock', 5000, async () => {
      inner = await runExclusively(redis, 'probe-lock', 5000, async () => 'ran twice');
      return 'ran once';
    });
    expect(outer).toBe('ran once');
    expect(inner).toBeUndefined();
    expect(await runExclusively(redis, 'probe-lock', 5000, async () => 'free again')).toBe(
      'free again',
    );
  });
});
