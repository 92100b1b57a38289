import type { DefaultJobOptions, WorkerOptions } from 'bullmq';
import { QueueName } from './queue-name.enum.js';

export interface QueueSettings {
  jobOptions: DefaultJobOptions;
  /** Concurrency and lock timings of each worker process. */
  worker: Pick<
    WorkerOptions,
    'concurrency' | 'lockDuration' | 'stalledInterval' | 'maxStalledCount'
  >;
}

/** Failed jobs are kept a week for inspection; completed ones are not needed (Postgres has the state). */
const RETAIN = { removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 } } as const;

export const QUEUE_SETTINGS: Record<QueueName, QueueSettings> = {
  [QueueName.ContactsImport]: {
    jobOptions: { ...RETAIN, attempts: 3, backoff: { type: 'exponential', delay: 5_000 } },
    // A crashed worker's job is picked up again within ~15 s; a running import renews its lock.
    worker: { concurrency: 2, lockDuration: 15_000, stalledInterval: 10_000, maxStalledCount: 2 },
  },
  [QueueName.LeadFiles]: {
    jobOptions: { ...RETAIN, attempts: 3, backoff: { type: 'exponential', delay: 5_000 } },
    // A crashed split is picked up again within ~15 s and starts over; it renews its lock as it reads.
    worker: { concurrency: 2, lockDuration: 15_000, stalledInterval: 10_000, maxStalledCount: 2 },
  },
  [QueueName.LeadBatches]: {
    // Provider failures are retried inside the LLM client and then recorded on the batch.
    jobOptions: { ...RETAIN, attempts: 3, backoff: { type: 'exponential', delay: 1_000 } },
    // Concurrency is LEAD_CONCURRENCY, set by the processor as it starts (env.ts holds the default);
    // a crashed batch runs again within ~15 s.
    worker: { lockDuration: 10_000, stalledInterval: 5_000, maxStalledCount: 2 },
  },
  [QueueName.ReportSections]: {
    // Provider failures are retried inside the LLM client; these attempts cover a lost database.
    jobOptions: { ...RETAIN, attempts: 3, backoff: { type: 'exponential', delay: 1_000 } },
    // Jobs mostly wait on a provider (bounded separately by LLM_CONCURRENCY), so many run at once.
    worker: { concurrency: 32, lockDuration: 10_000, stalledInterval: 5_000, maxStalledCount: 2 },
  },
};
