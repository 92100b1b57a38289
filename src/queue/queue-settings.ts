import type { DefaultJobOptions } from 'bullmq';
import { QueueName } from './queue-name.enum.js';

export interface QueueSettings {
  /** Jobs one worker process runs at once. */
  concurrency: number;
  jobOptions: DefaultJobOptions;
}

/** Failed jobs are kept a week for inspection; completed ones are not needed (Postgres has the state). */
export const RETAIN = { removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 } } as const;

export const QUEUE_SETTINGS: Record<QueueName, QueueSettings> = {};
