import type { Job } from 'bullmq';

/** True on a job's last allowed attempt: a failure now is final, so the worker records it. */
export const isLastAttempt = (job: Job): boolean =>
  job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
