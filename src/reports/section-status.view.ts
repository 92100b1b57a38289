import type {
  JobAcceptedEnvelope,
  JobCancelledEnvelope,
  JobStatusEnvelope,
  JobStatusWord,
} from './dto/section-envelope.response.js';
import { type SectionJob, SectionJobKind, SectionJobState } from './section-job.entity.js';

export interface StatusView {
  envelope: JobStatusEnvelope;
  /** Seconds to wait before polling again, while the job is not finished. */
  retryAfterSeconds?: number;
}

const POLL_AGAIN_SECONDS = 1;

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

/** A job's `data.status` in the seed's words; a cancelled job reads as failed (code CANCELLED). */
const STATUS_WORDS: Record<SectionJobState, JobStatusWord> = {
  [SectionJobState.Pending]: 'processing',
  [SectionJobState.Running]: 'processing',
  [SectionJobState.Completed]: 'completed',
  [SectionJobState.Failed]: 'failed',
  [SectionJobState.Cancelled]: 'failed',
};

export const statusWord = (state: SectionJobState): JobStatusWord => STATUS_WORDS[state];

/** `GET /status/{job_id}` for a section job, exactly as seed 003 shows it. */
export function sectionStatusView(job: SectionJob): StatusView {
  const data = { job_id: job.id, status: statusWord(job.state) };
  switch (job.state) {
    case SectionJobState.Pending:
      return {
        envelope: { status: 'processing', message: 'Job processing', data },
        retryAfterSeconds: POLL_AGAIN_SECONDS,
      };
    case SectionJobState.Running:
      return {
        envelope: { status: 'busy', message: 'Job running', data },
        retryAfterSeconds: POLL_AGAIN_SECONDS,
      };
    case SectionJobState.Completed: {
      const key =
        job.kind === SectionJobKind.Refine ? 'refined_section_b64' : 'generated_section_b64';
      return {
        envelope: {
          status: 'ready',
          message: 'Job completed',
          data: {
            ...data,
            result: {
              customer_id: job.customerId,
              opportunity_id: job.opportunityId,
              section_title: job.sectionTitle,
              [key]: base64(job.result ?? ''),
            },
          },
        },
      };
    }
    default:
      return {
        envelope: {
          status: 'error',
          message: job.state === SectionJobState.Cancelled ? 'Job cancelled' : 'Job failed',
          data: {
            ...data,
            error: {
              error_code: job.errorCode ?? 'INTERNAL_ERROR',
              message: job.errorMessage ?? 'The job failed',
            },
          },
        },
      };
  }
}

export const cancelledEnvelope = (jobId: string): JobCancelledEnvelope => ({
  status: 'ok',
  message: 'Job cancelled',
  data: { job_id: jobId, status: 'cancelled' },
});

export const acceptedEnvelope = (jobId: string): JobAcceptedEnvelope => ({
  status: 'processing',
  message: 'Job queued',
  data: { job_id: jobId, status: 'pending' },
});
