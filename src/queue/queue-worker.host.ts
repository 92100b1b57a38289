import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';

/**
 * A processor's base: worker-level errors (a lost lock after Redis lost the job, a dropped
 * connection) are logged, not raised as unhandled `error` events. Postgres keeps the job's truth;
 * the reconciler repairs the queue.
 */
export abstract class QueueWorkerHost extends WorkerHost {
  protected readonly logger = new Logger(this.constructor.name);

  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    this.logger.warn({ error }, 'queue worker error');
  }
}
