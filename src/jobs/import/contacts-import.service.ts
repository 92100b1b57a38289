import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource, type QueryRunner } from 'typeorm';
import { ContactsService } from '../../contacts/contacts.service.js';
import { Storage, StorageNotFoundError } from '../../storage/storage.js';
import { decodeStream, type TextEncoding } from '../../common/files/text-encoding.js';
import type { ImportJob, ImportJobStatus } from '../import-job.entity.js';
import { ImportJobsService } from '../import-jobs.service.js';
import { EMAIL_PATTERN, MAX_EMAIL_LENGTH } from '../../staging/row-checks.js';
import { COPY_STAGING_ROWS, ingestPhases, TUNE_RUN } from './contacts-ingest.sql.js';
import { copyStagingRows, OversizedCellError, type StagingCopyResult } from './staging-copy.js';

/** Namespace of the advisory locks that keep two runs of one job from overlapping. */
const JOB_LOCK_SPACE = 2002;
/** Progress is written at most this often. */
const PROGRESS_INTERVAL_MS = 500;

/** The leading parameters a statement refers to ($1 … $n): Postgres refuses unused ones. */
const parametersFor = (sql: string, all: unknown[]): unknown[] =>
  all.slice(0, Math.max(0, ...[...sql.matchAll(/\$(\d+)/g)].map((match) => Number(match[1]))));

/** Input that no retry will fix: the job fails with this reason. */
export class ImportInputError extends Error {}

export type ImportRun = { status: ImportJobStatus; rows: number } | { skipped: string };

/**
 * One run of a contacts import, all in one transaction: the file is streamed through csv-parse
 * into a temporary table with COPY, then set-based SQL stages, checks and imports it. A crash
 * rolls everything back, so a re-run produces exactly what an uninterrupted run would.
 */
@Injectable()
export class ContactsImportService {
  private readonly logger = new Logger(ContactsImportService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly importJobs: ImportJobsService,
    private readonly storage: Storage,
    private readonly contacts: ContactsService,
  ) {}

  async run(jobId: number): Promise<ImportRun> {
    const job = await this.importJobs.startProcessing(jobId);
    if (!job) return { skipped: 'deleted, or already processed' };
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      for (const statement of TUNE_RUN) await runner.query(statement);
      // A second run of the same job (a stalled job re-delivered) waits here for the first.
      await runner.query('SELECT pg_advisory_xact_lock($1, $2)', [JOB_LOCK_SPACE, jobId]);
      await this.contacts.lockUser(runner.manager, job.userId);
      const userHadContacts = await this.contacts.hasAny(runner.manager, job.userId);
      const [current] = (await runner.query('SELECT status FROM import_jobs WHERE id = $1', [
        jobId,
      ])) as {
        status: string;
      }[];
      if (current?.status !== 'PROCESSING') {
        await runner.rollbackTransaction();
        return { skipped: `already ${current?.status ?? 'deleted'}` };
      }
      const phases: Record<string, number> = {};
      let mark = performance.now();
      const lap = (phase: string) => {
        phases[phase] = Math.round(performance.now() - mark);
        mark = performance.now();
      };
      const [{ before }] = (await runner.query(
        'SELECT coalesce(max(id), 0) AS before FROM staging_rows WHERE job_id = $1',
        [jobId],
      )) as { before: number }[];
      const { rows, failedChecks } = await this.copyFile(runner, job);
      lap('copy_ms');
      const parameters = [jobId, before, EMAIL_PATTERN, MAX_EMAIL_LENGTH];
      const facts = { jobHadRows: before > 0, userHadContacts, rowsFailedChecks: failedChecks > 0 };
      for (const [phase, statements] of ingestPhases(facts)) {
        for (const statement of statements) {
          await runner.query(statement, parametersFor(statement, parameters));
        }
        lap(phase);
      }
      const status = await this.importJobs.settle(runner.manager, jobId, rows);
      await runner.commitTransaction();
      this.logger.log({ job_id: jobId, rows, status, ...phases }, 'import finished');
      return { status, rows };
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** Streams the stored file into `staging_rows`. */
  private async copyFile(runner: QueryRunner, job: ImportJob): Promise<StagingCopyResult> {
    if (!job.storageKey) throw new ImportInputError('the uploaded file was not stored');
    const client = (await runner.connect()) as PoolClient;
    let lastWrite = 0;
    let copied: StagingCopyResult;
    try {
      const input = (await this.storage.get(job.storageKey)).pipe(
        decodeStream(job.encoding as TextEncoding),
      );
      copied = await copyStagingRows(input, client.query(copyFrom(COPY_STAGING_ROWS)), {
        jobId: job.id,
        delimiter: job.delimiter,
        columns: job.columns,
        onProgress: (count) => {
          if (Date.now() - lastWrite < PROGRESS_INTERVAL_MS) return;
          lastWrite = Date.now();
          void this.importJobs.recordProgress(job.id, count).catch(() => undefined);
        },
      });
    } catch (error) {
      if (error instanceof StorageNotFoundError)
        throw new ImportInputError('the uploaded file is missing from storage');
      if (error instanceof OversizedCellError)
        throw new ImportInputError(`the CSV is malformed: ${error.message}`);
      throw error;
    }
    await this.importJobs.recordProgress(job.id, copied.rows);
    return copied;
  }
}
