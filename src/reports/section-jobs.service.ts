import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, LessThanOrEqual, MoreThan, type Repository } from 'typeorm';
import type { TokenUsage } from '../integrations/llm/llm.client.js';
import {
  SectionJob,
  type SectionJobKind,
  SectionJobState,
  UNFINISHED_STATES,
} from './section-job.entity.js';

/** Seed 003: a job and everything about it disappear 24 hours after it was created. */
export const SECTION_JOB_TTL_HOURS = 24;

export type NewSectionJob = Pick<
  SectionJob,
  | 'apiKeyId'
  | 'sessionId'
  | 'kind'
  | 'reportType'
  | 'customerId'
  | 'opportunityId'
  | 'sectionTitle'
  | 'originalText'
  | 'prompt'
> & { kind: SectionJobKind };

export interface Idempotency {
  key: string;
  requestHash: Buffer;
}

export type CreateOutcome =
  | { created: true; id: string }
  | { created: false; existing: Pick<SectionJob, 'id' | 'requestHash'> };

const COLUMNS = `id, api_key_id AS "apiKeyId", session_id AS "sessionId", kind, report_type AS "reportType",
  customer_id AS "customerId", opportunity_id AS "opportunityId", section_title AS "sectionTitle",
  original_text AS "originalText", prompt, state, attempts`;

/** The `section_jobs` table: every state change in one conditional statement. */
@Injectable()
export class SectionJobsService {
  constructor(@InjectRepository(SectionJob) private readonly jobs: Repository<SectionJob>) {}

  /**
   * Inserts the job; with an idempotency key already used by this API key (and not expired),
   * inserts nothing and returns the earlier job instead.
   */
  async create(id: string, job: NewSectionJob, idempotency?: Idempotency): Promise<CreateOutcome> {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const [inserted] = (await this.jobs.query(
        `INSERT INTO section_jobs (id, api_key_id, session_id, kind, report_type, customer_id,
           opportunity_id, section_title, original_text, prompt, state, idempotency_key, request_hash,
           expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'pending', $11, $12,
           now() + make_interval(hours => ${SECTION_JOB_TTL_HOURS}))
         ON CONFLICT (api_key_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
         RETURNING id`,
        [
          id,
          job.apiKeyId,
          job.sessionId,
          job.kind,
          job.reportType,
          job.customerId,
          job.opportunityId,
          job.sectionTitle,
          job.originalText,
          job.prompt,
          idempotency?.key ?? null,
          idempotency?.requestHash ?? null,
        ],
      )) as { id: string }[];
      if (inserted) return { created: true, id: inserted.id };
      const existing = await this.jobs.findOne({
        select: { id: true, requestHash: true, expiresAt: true },
        where: { apiKeyId: job.apiKeyId, idempotencyKey: idempotency!.key },
      });
      if (existing && existing.expiresAt > new Date()) return { created: false, existing };
      // The earlier job expired but is not purged yet: it no longer holds the key.
      await this.jobs.delete({ apiKeyId: job.apiKeyId, idempotencyKey: idempotency!.key });
    }
    throw new Error('idempotency key could not be claimed');
  }

  /** The API key's job, unless it has expired. */
  findOwned(id: string, apiKeyId: string): Promise<SectionJob | null> {
    return this.jobs.findOneBy({ id, apiKeyId, expiresAt: MoreThan(new Date()) });
  }

  /** A session's jobs for this API key, newest first, with the total. */
  listSession(
    apiKeyId: string,
    sessionId: string,
    limit: number,
    offset: number,
  ): Promise<[SectionJob[], number]> {
    return this.jobs.findAndCount({
      where: { apiKeyId, sessionId, expiresAt: MoreThan(new Date()) },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: limit,
      skip: offset,
    });
  }

  /**
   * A worker takes the job: from pending, or running again after a crash. `queuedAt` is when the
   * queue job it came from was added.
   */
  async start(id: string, queuedAt: Date): Promise<SectionJob | undefined> {
    const [rows] = (await this.jobs.query(
      `UPDATE section_jobs
       SET state = 'running', attempts = attempts + 1, queued_at = $2, started_at = now(),
           updated_at = now()
       WHERE id = $1 AND state IN ('pending', 'running') AND expires_at > now()
       RETURNING ${COLUMNS}`,
      [id, queuedAt],
    )) as [SectionJob[], number];
    return rows[0];
  }

  /** Records the result, once: a job cancelled or completed meanwhile is left as it is. */
  async complete(id: string, result: string, usage?: TokenUsage): Promise<boolean> {
    const [, count] = (await this.jobs.query(
      `UPDATE section_jobs
       SET state = 'completed', result = $2, prompt_tokens = $3, completion_tokens = $4,
           finished_at = now(), updated_at = now()
       WHERE id = $1 AND state = 'running'`,
      [id, result, usage?.promptTokens ?? null, usage?.completionTokens ?? null],
    )) as [unknown, number];
    return count > 0;
  }

  async fail(id: string, errorCode: string, message: string): Promise<void> {
    await this.jobs.query(
      `UPDATE section_jobs
       SET state = 'failed', error_code = $2, error_message = $3, finished_at = now(), updated_at = now()
       WHERE id = $1 AND state IN ('pending', 'running')`,
      [id, errorCode, message],
    );
  }

  /** Cancels a queued or running job of this API key; says why not otherwise. */
  async cancel(id: string, apiKeyId: string): Promise<'cancelled' | 'finished' | 'missing'> {
    const [, count] = (await this.jobs.query(
      `UPDATE section_jobs
       SET state = 'cancelled', error_code = 'CANCELLED', error_message = 'The job was cancelled',
           finished_at = now(), updated_at = now()
       WHERE id = $1 AND api_key_id = $2 AND state IN ('pending', 'running') AND expires_at > now()`,
      [id, apiKeyId],
    )) as [unknown, number];
    if (count > 0) return 'cancelled';
    return (await this.findOwned(id, apiKeyId)) ? 'finished' : 'missing';
  }

  /** True once the job is no longer wanted: cancelled, or deleted by retention. */
  async isCancelled(id: string): Promise<boolean> {
    const job = await this.jobs.findOne({ select: { state: true }, where: { id } });
    return !job || job.state === SectionJobState.Cancelled;
  }

  findUnfinished(): Promise<Pick<SectionJob, 'id'>[]> {
    return this.jobs.find({
      select: { id: true },
      where: { state: In(UNFINISHED_STATES), expiresAt: MoreThan(new Date()) },
    });
  }

  async purgeExpired(now: Date): Promise<number> {
    const result = await this.jobs.delete({ expiresAt: LessThanOrEqual(now) });
    return result.affected ?? 0;
  }
}
