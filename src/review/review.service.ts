import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AppException, conflict, notFound } from '../common/errors/app.exception.js';
import { ErrorKind } from '../common/errors/error-kind.js';
import { ContactsService } from '../contacts/contacts.service.js';
import type { DataIssue } from '../issues/data-issue.entity.js';
import { type IssueEdit, IssuesService } from '../issues/issues.service.js';
import { ImportJobStatus } from '../jobs/import-job.entity.js';
import { ImportJobsService } from '../jobs/import-jobs.service.js';
import { type StagingEdit, StagingService, type TouchedRows } from '../staging/staging.service.js';
import { StagingRow, StagingStatus } from '../staging/staging-row.entity.js';
import { rowProblems } from './row-problems.js';

/**
 * Review of a job's issues and staging rows, and how it ends:
 * - an editor fixes rows and marks them READY (a row that still fails validation cannot be);
 * - a READY row is imported as soon as no open issue holds it (it replaces a contact with the same
 *   address: the editor decided); of READY rows sharing an address, the first in the file wins;
 * - when no issue is left open the job is COMPLETED, and rows still held in an issue are SKIPPED.
 * Each change and its consequences happen in one transaction, serialised per job.
 */
@Injectable()
export class ReviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly issues: IssuesService,
    private readonly staging: StagingService,
    private readonly contacts: ContactsService,
    private readonly importJobs: ImportJobsService,
  ) {}

  async updateIssue(
    userId: string,
    issueId: number,
    edit: IssueEdit,
  ): Promise<{ issue: DataIssue; rows: StagingRow[] }> {
    return this.dataSource.transaction(async (manager) => {
      const found = await this.issues.findOwned(manager, issueId, userId);
      if (!found) throw notFound(`Issue ${issueId} not found`);
      await this.lockReviewableJob(manager, found.jobId, userId);
      const issue = await this.issues.apply(manager, found, edit, userId);
      await this.settle(manager, issue.jobId, userId, { issueId: issue.id });
      const rows = (await this.staging.rowsOfIssues(manager, [issue.id])).get(issue.id) ?? [];
      return { issue, rows };
    });
  }

  async updateStaging(
    userId: string,
    stagingId: number,
    requested: StagingEdit,
  ): Promise<StagingRow> {
    const edit = Object.fromEntries(
      Object.entries(requested).filter(([, value]) => value !== undefined),
    ) as StagingEdit;
    return this.dataSource.transaction(async (manager) => {
      const row = await this.staging.findOwnedForUpdate(manager, stagingId, userId);
      if (!row) throw notFound(`Staging row ${stagingId} not found`);
      await this.lockReviewableJob(manager, row.jobId, userId);
      if (row.status === StagingStatus.Imported) {
        throw conflict(`Staging row ${stagingId} was already imported as a contact`);
      }
      const edited = { ...row, ...edit } as StagingRow;
      if (edited.status === StagingStatus.Ready) {
        const problems = rowProblems(edited);
        if (problems.length > 0) {
          throw new AppException(
            ErrorKind.Validation,
            'The row cannot be READY while it fails validation',
            {
              details: problems,
            },
          );
        }
      }
      const saved = await this.staging.apply(manager, row, edit);
      await this.settle(manager, saved.jobId, userId, { stagingId: saved.id });
      return manager.findOneByOrFail(StagingRow, { id: saved.id });
    });
  }

  /** Imports what the edit made ready and clear, then completes the job if no issue is open. */
  private async settle(
    manager: EntityManager,
    jobId: number,
    userId: string,
    touched: TouchedRows,
  ): Promise<void> {
    const ready = await this.staging.readyAndClear(manager, touched);
    const imported = await this.contacts.importApproved(manager, userId, ready);
    const importedIds = new Set(imported);
    await this.staging.setStatus(manager, imported, StagingStatus.Imported);
    await this.staging.setStatus(
      manager,
      ready.filter((row) => !importedIds.has(row.id)).map((row) => row.id),
      StagingStatus.Skipped,
    );
    if ((await this.importJobs.settle(manager, jobId)) === ImportJobStatus.Completed) {
      await this.staging.skipHeld(manager, jobId);
    }
  }

  /** Review waits while the job is queued or running: the run decides the rows first. */
  private async lockReviewableJob(
    manager: EntityManager,
    jobId: number,
    userId: string,
  ): Promise<void> {
    const status = await this.importJobs.lockStatus(manager, jobId, userId);
    if (status === ImportJobStatus.Pending || status === ImportJobStatus.Processing) {
      throw conflict(`Job ${jobId} is ${status}; review it once processing has finished`);
    }
  }
}
