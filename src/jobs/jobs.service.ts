import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppException, badRequest, conflict, notFound } from '../common/errors/app.exception.js';
import { ErrorKind } from '../common/errors/error-kind.js';
import { QueueName } from '../queue/queue-name.enum.js';
import { ReconcilerService } from '../queue/reconciler.service.js';
import { Storage } from '../storage/storage.js';
import { inspectContactsCsv } from './csv/csv-inspector.js';
import { type ImportJob } from './import-job.entity.js';
import { ImportJobsService } from './import-jobs.service.js';
import {
  contactsImportJobId,
  type ContactsImportPayload,
} from './import/contacts-import.processor.js';
import { DELETE_JOB_ROWS } from './import/contacts-ingest.sql.js';

export interface UploadedCsv {
  originalName: string;
  path: string;
}

export interface AcceptedUpload {
  id: number;
  filename: string;
  totalRows: number;
}

const storageKeyOf = (jobId: number): string => `contacts/jobs/${jobId}.csv`;

/** Seed 002's jobs: accept an upload, list, re-run and delete imports. */
@Injectable()
export class JobsService implements OnModuleInit {
  private readonly logger = new Logger(JobsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.ContactsImport) private readonly queue: Queue<ContactsImportPayload>,
    private readonly importJobs: ImportJobsService,
    private readonly storage: Storage,
    private readonly reconciler: ReconcilerService,
  ) {}

  onModuleInit(): void {
    this.reconciler.register({
      name: 'contacts-import',
      queue: this.queue,
      findUnfinished: async () =>
        (await this.importJobs.findUnfinished()).map(({ id }) => ({
          name: 'import',
          jobId: contactsImportJobId(id),
          data: { importJobId: id },
        })),
    });
  }

  /**
   * Validates the file completely, then stores it and records the job in one transaction (so a
   * failed store leaves no job), then queues it. A lost enqueue is repaired by the reconciler.
   */
  async upload(userId: string, file: UploadedCsv): Promise<AcceptedUpload> {
    if (!/\.csv$/i.test(file.originalName)) {
      throw badRequest('File must be a CSV (.csv extension)');
    }
    const csv = await inspectContactsCsv(file.path);
    const id = await this.dataSource.transaction(async (manager) => {
      const created = await this.importJobs.create(manager, {
        userId,
        filename: file.originalName,
        fileSha256: csv.sha256,
        fileSize: csv.size,
        encoding: csv.encoding,
        delimiter: csv.delimiter,
        columns: csv.columns,
        totalRows: csv.dataRows,
      });
      if (!created.created) {
        throw conflict(`This file was already imported as job ${created.existingId}`);
      }
      const key = storageKeyOf(created.id);
      await this.storage.putFile(key, file.path, 'text/csv');
      await this.importJobs.setStorageKey(manager, created.id, key);
      return created.id;
    });
    await this.enqueue(id).catch((error: unknown) =>
      this.logger.warn({ error, job_id: id }, 'enqueue failed; the reconciler will queue the job'),
    );
    return { id, filename: file.originalName, totalRows: csv.dataRows };
  }

  list(userId: string, limit: number, offset: number): Promise<[ImportJob[], number]> {
    return this.importJobs.listOwned(userId, limit, offset);
  }

  async reprocess(userId: string, id: number): Promise<ImportJob> {
    const outcome = await this.importJobs.requeue(id, userId);
    if (outcome === 'missing') throw notFound(`Job ${id} not found`);
    if (outcome === 'processing')
      throw conflict(`Job ${id} is being processed; try again when it has finished`);
    try {
      await this.enqueue(id);
    } catch (error) {
      this.logger.warn({ error, job_id: id }, 'enqueue failed; the reconciler will queue the job');
      throw new AppException(
        ErrorKind.Unavailable,
        'Could not queue the job now; it will be queued automatically',
      );
    }
    return (await this.importJobs.findOwned(id, userId))!;
  }

  /** Deletes a job that is not running, its rows and issues (cascade), its file and its queued run. */
  async delete(userId: string, id: number): Promise<void> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const deleted = await this.importJobs.deleteIfAllowed(manager, id, userId);
      if (deleted.deleted) {
        for (const statement of DELETE_JOB_ROWS) {
          await manager.query(statement, statement.includes('$2') ? [id, userId] : [id]);
        }
      }
      return deleted;
    });
    if (!outcome.deleted) {
      if (!outcome.status) throw notFound(`Job ${id} not found`);
      throw badRequest(
        `Job ${id} is ${outcome.status}; only PENDING, NEEDS_REVIEW or FAILED jobs can be deleted`,
      );
    }
    await this.queue.remove(contactsImportJobId(id)).catch(() => undefined);
    if (outcome.storageKey) await this.storage.delete(outcome.storageKey);
  }

  private async enqueue(id: number): Promise<void> {
    // A finished run of this job may still be kept in the queue: make room for the new one.
    const previous = await this.queue.getJob(contactsImportJobId(id));
    if (previous && (await previous.isFailed())) await previous.remove();
    await this.queue.add('import', { importJobId: id }, { jobId: contactsImportJobId(id) });
  }
}
