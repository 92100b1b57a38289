import { pipeline } from 'node:stream/promises';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CsvError, parse } from 'csv-parse';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource, type QueryRunner } from 'typeorm';
import { Storage, StorageNotFoundError } from '../../storage/storage.js';
import { decodeStream, type TextEncoding } from '../csv/text-encoding.js';
import type { ImportJob, ImportJobStatus } from '../import-job.entity.js';
import { ImportJobsService } from '../import-jobs.service.js';
import {
  COPY_INCOMING,
  CREATE_INCOMING,
  IMPORT_CLEAN_ROWS,
  RECORD_CONTACT_CONFLICTS,
  RECORD_ROW_ISSUES,
  STAGE_ROWS,
} from './contacts-ingest.sql.js';
import { CopyRowsTransform } from './copy-rows.js';

/** Namespace of the advisory locks that keep two runs of one job from overlapping. */
const IMPORT_LOCK_SPACE = 2002;
/** Progress is written at most this often. */
const PROGRESS_INTERVAL_MS = 500;
/** A record longer than this (characters) is not a contact row. */
const MAX_RECORD_CHARS = 64 * 1024;

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
  ) {}

  async run(jobId: number): Promise<ImportRun> {
    const job = await this.importJobs.startProcessing(jobId);
    if (!job) return { skipped: 'deleted, or already processed' };
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      // A second run of the same job (a stalled job re-delivered) waits here for the first.
      await runner.query('SELECT pg_advisory_xact_lock($1, $2)', [IMPORT_LOCK_SPACE, jobId]);
      const [current] = (await runner.query('SELECT status FROM import_jobs WHERE id = $1', [
        jobId,
      ])) as {
        status: string;
      }[];
      if (current?.status !== 'PROCESSING') {
        await runner.rollbackTransaction();
        return { skipped: `already ${current?.status ?? 'deleted'}` };
      }
      const rows = await this.copyFile(runner, job);
      const statements = [
        ...STAGE_ROWS,
        ...RECORD_ROW_ISSUES,
        IMPORT_CLEAN_ROWS,
        ...RECORD_CONTACT_CONFLICTS,
      ];
      for (const statement of statements) {
        await runner.query(statement, statement.includes('$1') ? [jobId] : []);
      }
      const status = await this.importJobs.settle(runner.manager, jobId, rows);
      await runner.commitTransaction();
      this.logger.log({ job_id: jobId, rows, status }, 'import finished');
      return { status, rows };
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** Streams the stored file into the `incoming` table; returns how many records it read. */
  private async copyFile(runner: QueryRunner, job: ImportJob): Promise<number> {
    if (!job.storageKey) throw new ImportInputError('the uploaded file was not stored');
    await runner.query(CREATE_INCOMING);
    const client = (await runner.connect()) as PoolClient;
    let lastWrite = 0;
    const rows = new CopyRowsTransform(job.columns, (count) => {
      if (Date.now() - lastWrite < PROGRESS_INTERVAL_MS) return;
      lastWrite = Date.now();
      void this.importJobs.recordProgress(job.id, count).catch(() => undefined);
    });
    try {
      await pipeline(
        await this.storage.get(job.storageKey),
        decodeStream(job.encoding as TextEncoding),
        parse({
          delimiter: job.delimiter,
          from_line: 2,
          info: true,
          relax_column_count: true,
          skip_empty_lines: true,
          max_record_size: MAX_RECORD_CHARS,
        }),
        rows,
        client.query(copyFrom(COPY_INCOMING)),
      );
    } catch (error) {
      if (error instanceof StorageNotFoundError)
        throw new ImportInputError('the uploaded file is missing from storage');
      if (error instanceof CsvError)
        throw new ImportInputError(`the CSV is malformed: ${error.message}`);
      throw error;
    }
    await this.importJobs.recordProgress(job.id, rows.rows);
    return rows.rows;
  }
}
