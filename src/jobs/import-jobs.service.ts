import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, type Repository } from 'typeorm';
import { DELETABLE_STATUSES, ImportJob, ImportJobStatus } from './import-job.entity.js';

export type NewImportJob = Pick<
  ImportJob,
  | 'userId'
  | 'filename'
  | 'fileSha256'
  | 'fileSize'
  | 'encoding'
  | 'delimiter'
  | 'columns'
  | 'totalRows'
>;

/** The `import_jobs` table: every state change of a job happens here, each in one statement. */
@Injectable()
export class ImportJobsService {
  constructor(@InjectRepository(ImportJob) private readonly jobs: Repository<ImportJob>) {}

  /** Inserts the job unless this user already imported the same bytes; returns the new id or the earlier one. */
  async create(
    manager: EntityManager,
    job: NewImportJob,
  ): Promise<{ created: true; id: number } | { created: false; existingId: number }> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(ImportJob)
      .values({ ...job, status: ImportJobStatus.Pending, processedRows: 0 })
      .orIgnore()
      .returning(['id'])
      .execute();
    const id = (inserted.raw as { id: number }[])[0]?.id;
    if (id !== undefined) return { created: true, id };
    const existing = await manager.findOneByOrFail(ImportJob, {
      userId: job.userId,
      fileSha256: job.fileSha256,
    });
    return { created: false, existingId: existing.id };
  }

  async setStorageKey(manager: EntityManager, id: number, storageKey: string): Promise<void> {
    await manager.update(ImportJob, { id }, { storageKey });
  }

  findOwned(id: number, userId: string): Promise<ImportJob | null> {
    return this.jobs.findOneBy({ id, userId });
  }

  /** The user's jobs, newest first, with the total. */
  listOwned(userId: string, limit: number, offset: number): Promise<[ImportJob[], number]> {
    return this.jobs.findAndCount({
      where: { userId },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
      skip: offset,
    });
  }

  /** Locks the user's job row for the rest of the transaction and returns its status. */
  async lockStatus(
    manager: EntityManager,
    id: number,
    userId: string,
  ): Promise<ImportJobStatus | undefined> {
    const [row] = (await manager.query(
      `SELECT status FROM import_jobs WHERE id = $1 AND user_id = $2 FOR UPDATE`,
      [id, userId],
    )) as { status: ImportJobStatus }[];
    return row?.status;
  }

  /** Jobs Postgres says are unfinished, for the reconciler. */
  findUnfinished(): Promise<Pick<ImportJob, 'id'>[]> {
    return this.jobs.find({
      select: { id: true },
      where: { status: In([ImportJobStatus.Pending, ImportJobStatus.Processing]) },
    });
  }

  /** A worker takes the job: only from PENDING, or PROCESSING after a crash. */
  async startProcessing(id: number): Promise<ImportJob | undefined> {
    const [rows] = (await this.jobs.query(
      `UPDATE import_jobs
       SET status = 'PROCESSING', started_at = now(), processed_rows = 0, error = NULL, updated_at = now()
       WHERE id = $1 AND status IN ('PENDING', 'PROCESSING')
       RETURNING id, user_id AS "userId", storage_key AS "storageKey", encoding, delimiter, columns,
                 total_rows AS "totalRows"`,
      [id],
    )) as [ImportJob[], number];
    return rows[0];
  }

  async recordProgress(id: number, processedRows: number): Promise<void> {
    await this.jobs.query(
      `UPDATE import_jobs SET processed_rows = $2, updated_at = now() WHERE id = $1 AND status = 'PROCESSING'`,
      [id, processedRows],
    );
  }

  /**
   * Ends a run or a review step: NEEDS_REVIEW while an issue is open, else COMPLETED. Asks whether
   * one is open rather than counting them: every review edit settles its job, and counting 100,000
   * open issues took 40 ms each time (0.1 ms to find the first).
   */
  async settle(
    manager: EntityManager,
    id: number,
    processedRows?: number,
  ): Promise<ImportJobStatus> {
    const [rows] = (await manager.query(
      `UPDATE import_jobs j
       SET status = CASE WHEN issues.open THEN 'NEEDS_REVIEW' ELSE 'COMPLETED' END,
           completed_at = CASE WHEN issues.open THEN NULL ELSE now() END,
           processed_rows = COALESCE($2, j.processed_rows),
           updated_at = now()
       FROM (SELECT EXISTS (SELECT 1 FROM data_issues WHERE job_id = $1 AND NOT resolved) AS open) issues
       WHERE j.id = $1
       RETURNING j.status`,
      [id, processedRows ?? null],
    )) as [{ status: ImportJobStatus }[], number];
    return rows[0].status;
  }

  async markFailed(id: number, reason: string): Promise<void> {
    await this.jobs.query(
      `UPDATE import_jobs SET status = 'FAILED', error = $2, completed_at = now(), updated_at = now()
       WHERE id = $1 AND status = 'PROCESSING'`,
      [id, reason],
    );
  }

  /** Back to PENDING for a re-run, unless a worker is on it. */
  async requeue(id: number, userId: string): Promise<'requeued' | 'processing' | 'missing'> {
    const [rows] = (await this.jobs.query(
      `UPDATE import_jobs SET status = 'PENDING', error = NULL, updated_at = now()
       WHERE id = $1 AND user_id = $2 AND status <> 'PROCESSING' RETURNING id`,
      [id, userId],
    )) as [unknown[], number];
    if (rows.length > 0) return 'requeued';
    return (await this.findOwned(id, userId)) ? 'processing' : 'missing';
  }

  /**
   * Deletes the job row if its status allows it, decided in one statement so that it cannot race
   * a worker taking the job. The caller removes the job's rows in the same transaction.
   */
  async deleteIfAllowed(
    manager: EntityManager,
    id: number,
    userId: string,
  ): Promise<
    { deleted: true; storageKey: string | null } | { deleted: false; status?: ImportJobStatus }
  > {
    const [rows] = (await manager.query(
      `DELETE FROM import_jobs WHERE id = $1 AND user_id = $2 AND status = ANY($3)
       RETURNING storage_key AS "storageKey"`,
      [id, userId, DELETABLE_STATUSES],
    )) as [{ storageKey: string | null }[], number];
    if (rows.length > 0) return { deleted: true, storageKey: rows[0].storageKey };
    return { deleted: false, status: (await this.findOwned(id, userId))?.status };
  }
}
