import { type Job, UnrecoverableError } from 'bullmq';
import { isLastAttempt } from '../../queue/attempts.js';
import { QueueName } from '../../queue/queue-name.enum.js';
import { QueueProcessor } from '../../queue/queue-processor.decorator.js';
import { QueueWorkerHost } from '../../queue/queue-worker.host.js';
import { ImportJobsService } from '../import-jobs.service.js';
import {
  ContactsImportService,
  ImportInputError,
  type ImportRun,
} from './contacts-import.service.js';

export interface ContactsImportPayload {
  importJobId: number;
}

/** The queue knows the import job's id only; Postgres has everything else. */
@QueueProcessor(QueueName.ContactsImport)
export class ContactsImportProcessor extends QueueWorkerHost {
  constructor(
    private readonly imports: ContactsImportService,
    private readonly importJobs: ImportJobsService,
  ) {
    super();
  }

  async process(job: Job<ContactsImportPayload>): Promise<ImportRun> {
    const id = job.data.importJobId;
    try {
      return await this.imports.run(id);
    } catch (error) {
      const finalAttempt = error instanceof ImportInputError || isLastAttempt(job);
      if (!finalAttempt) throw error;
      const reason =
        error instanceof ImportInputError ? error.message : 'processing failed after retries';
      this.logger.error({ error, job_id: id }, 'import failed');
      await this.importJobs.markFailed(id, reason);
      throw new UnrecoverableError(reason);
    }
  }
}

export const contactsImportJobId = (importJobId: number): string =>
  `contacts-import-${importJobId}`;
