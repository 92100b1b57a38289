import { createHash, randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { isUUID } from 'class-validator';
import {
  type AppException,
  badRequest,
  notFound,
  validationFailed,
} from '../common/errors/app.exception.js';
import { QueueName } from '../queue/queue-name.enum.js';
import { ReconcilerService } from '../queue/reconciler.service.js';
import { RetentionService } from '../queue/retention.service.js';
import { decodeBase64Text } from './dto/is-base64-text.decorator.js';
import type { GenerateSectionRequest, RefineSectionRequest } from './dto/section-request.dto.js';
import type { SectionJobPayload } from './section-generation.processor.js';
import { type SectionJob, SectionJobKind } from './section-job.entity.js';
import { SectionJobsService } from './section-jobs.service.js';
import { SectionTitles } from './section-titles.js';

export type SectionRequest =
  | { kind: SectionJobKind.Generate; body: GenerateSectionRequest }
  | { kind: SectionJobKind.Refine; body: RefineSectionRequest };

export interface Submission {
  apiKeyId: string;
  sessionId: string;
  idempotencyKey?: string;
}

/** What the request asks for, independent of key order: the idempotency fingerprint. */
const fingerprint = ({ kind, body }: SectionRequest): Buffer => {
  const fields = [kind, body.type, body.customer_id, body.opportunity_id, body.section_title];
  if (kind === SectionJobKind.Refine) fields.push(body.original_text, body.prompt);
  return createHash('sha256').update(JSON.stringify(fields)).digest();
};

const jobNotFound = (id: string): AppException => notFound(`Job ${id} not found`, 'JOB_NOT_FOUND');

/** Seed 003: accept section requests, answer their status, cancel them, list a session's. */
@Injectable()
export class ReportsService implements OnModuleInit {
  private readonly logger = new Logger(ReportsService.name);

  constructor(
    private readonly sectionJobs: SectionJobsService,
    private readonly titles: SectionTitles,
    @InjectQueue(QueueName.ReportSections) private readonly queue: Queue<SectionJobPayload>,
    private readonly reconciler: ReconcilerService,
    private readonly retention: RetentionService,
  ) {}

  onModuleInit(): void {
    this.reconciler.register({
      name: QueueName.ReportSections,
      queue: this.queue,
      findUnfinished: async () =>
        (await this.sectionJobs.findUnfinished()).map(({ id }) => ({
          name: 'section',
          jobId: id,
          data: { sectionJobId: id },
        })),
    });
    this.retention.register({
      name: 'section-jobs',
      purgeExpired: (now) => this.sectionJobs.purgeExpired(now),
    });
  }

  /**
   * Stores the job, then queues its id. A lost enqueue (Redis down) is repaired by the
   * reconciler, so the job is accepted once Postgres has it.
   */
  async submit(request: SectionRequest, submission: Submission): Promise<string> {
    const { body } = request;
    this.titles.assertAllowed(body.type, body.section_title);
    const requestHash = fingerprint(request);
    const outcome = await this.sectionJobs.create(
      randomUUID(),
      {
        apiKeyId: submission.apiKeyId,
        sessionId: submission.sessionId,
        kind: request.kind,
        reportType: body.type,
        customerId: body.customer_id,
        opportunityId: body.opportunity_id,
        sectionTitle: body.section_title,
        originalText:
          request.kind === SectionJobKind.Refine
            ? decodeBase64Text(request.body.original_text)
            : null,
        prompt: request.kind === SectionJobKind.Refine ? request.body.prompt : null,
      },
      submission.idempotencyKey ? { key: submission.idempotencyKey, requestHash } : undefined,
    );
    if (!outcome.created) {
      if (outcome.existing.requestHash?.equals(requestHash)) return outcome.existing.id;
      throw validationFailed({
        location: 'header',
        field: ['Idempotency-Key'],
        message: 'Idempotency-Key was already used with a different request',
        type: 'idempotency_key_reused',
      });
    }
    await this.queue
      .add('section', { sectionJobId: outcome.id }, { jobId: outcome.id })
      .catch((error: unknown) =>
        this.logger.warn(
          { error, job_id: outcome.id },
          'enqueue failed; the reconciler will queue the job',
        ),
      );
    return outcome.id;
  }

  /** The API key's job; anything else (unknown, expired, another key's, not a UUID) is 404. */
  async find(apiKeyId: string, id: string): Promise<SectionJob> {
    const job = isUUID(id) ? await this.sectionJobs.findOwned(id, apiKeyId) : null;
    if (!job) throw jobNotFound(id);
    return job;
  }

  /** Cancels a queued or running job; a finished one answers 400 CANNOT_CANCEL. */
  async cancel(apiKeyId: string, id: string): Promise<void> {
    const outcome = isUUID(id) ? await this.sectionJobs.cancel(id, apiKeyId) : 'missing';
    if (outcome === 'missing') throw jobNotFound(id);
    if (outcome === 'finished') {
      throw badRequest(`Job ${id} has already finished`, 'CANNOT_CANCEL');
    }
    // A waiting job leaves the queue now; a running one sees the cancel within a second.
    await this.queue.remove(id).catch(() => undefined);
  }

  session(
    apiKeyId: string,
    sessionId: string,
    limit: number,
    offset: number,
  ): Promise<[SectionJob[], number]> {
    return this.sectionJobs.listSession(apiKeyId, sessionId, limit, offset);
  }
}
