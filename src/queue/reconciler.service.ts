import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { runsWorkers } from '../config/app-role.js';
import { runExclusively } from './exclusive-run.js';
import { REDIS } from './redis.module.js';

/** A unit of work Postgres records as unfinished, and the queue job that would finish it. */
export interface UnfinishedJob {
  name: string;
  /** Deterministic, so re-adding a job that still exists is a no-op. */
  jobId: string;
  data: object;
  opts?: JobsOptions;
}

export interface ReconcileSource {
  name: string;
  queue: Queue;
  findUnfinished(): Promise<UnfinishedJob[]>;
}

export const RECONCILE_INTERVAL_MS = 60_000;

/**
 * Postgres is the source of truth: on start and every minute, work it records as unfinished but
 * that has no live queue job (Redis flushed, enqueue lost in a crash) is queued again.
 */
@Injectable()
export class ReconcilerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ReconcilerService.name);
  private readonly sources: ReconcileSource[] = [];
  private timer?: NodeJS.Timeout;

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  register(source: ReconcileSource): void {
    this.sources.push(source);
  }

  onApplicationBootstrap(): void {
    if (!runsWorkers() || this.sources.length === 0) return;
    void this.reconcileAll();
    this.timer = setInterval(() => void this.reconcileAll(), RECONCILE_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Re-enqueues what is missing; returns how many jobs were queued again, per source. */
  async reconcileAll(): Promise<Record<string, number>> {
    const requeued: Record<string, number> = {};
    const sources = [...this.sources];
    await runExclusively(this.redis, 'reconciler', RECONCILE_INTERVAL_MS, async () => {
      for (const source of sources) {
        try {
          requeued[source.name] = await this.reconcile(source);
        } catch (error) {
          this.logger.error({ error, source: source.name }, 'reconcile failed');
        }
      }
    });
    const total = Object.values(requeued).reduce((sum, count) => sum + count, 0);
    if (total > 0) this.logger.warn({ requeued }, 're-enqueued unfinished work');
    return requeued;
  }

  private async reconcile(source: ReconcileSource): Promise<number> {
    let requeued = 0;
    for (const work of await source.findUnfinished()) {
      const job = await source.queue.getJob(work.jobId);
      const state = job ? await job.getState() : 'missing';
      if (state === 'failed' && job) {
        await job.retry();
      } else if (state === 'missing' || state === 'unknown' || state === 'completed') {
        if (job) await job.remove();
        await source.queue.add(work.name, work.data, { ...work.opts, jobId: work.jobId });
      } else {
        continue;
      }
      requeued += 1;
    }
    return requeued;
  }
}
