import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DataIssue } from './data-issue.entity.js';

export interface IssueCounts {
  total: number;
  resolved: number;
  unresolved: number;
}

export type IssueEdit = Partial<
  Pick<DataIssue, 'resolved' | 'description' | 'resolvedBy' | 'resolutionComment'>
>;

/** The `data_issues` table, outside the bulk ingest. */
@Injectable()
export class IssuesService {
  /** A page of the user's issues (one job's, if given), newest first, with counts over all of them. */
  async listOwned(
    manager: EntityManager,
    scope: { userId: string; jobId?: number },
    limit: number,
    offset: number,
  ): Promise<{ issues: DataIssue[]; counts: IssueCounts }> {
    const query = manager
      .createQueryBuilder(DataIssue, 'issue')
      .innerJoin('import_jobs', 'job', 'job.id = issue.job_id')
      .where('job.user_id = :userId', { userId: scope.userId });
    if (scope.jobId !== undefined) query.andWhere('issue.job_id = :jobId', { jobId: scope.jobId });
    const counts = (await query
      .clone()
      .select('count(*)::int', 'total')
      .addSelect('count(*) FILTER (WHERE issue.resolved)::int', 'resolved')
      .getRawOne()) as { total: number; resolved: number };
    const issues = await query
      .orderBy('issue.created_at', 'DESC')
      .addOrderBy('issue.id', 'DESC')
      .take(limit)
      .skip(offset)
      .getMany();
    return { issues, counts: { ...counts, unresolved: counts.total - counts.resolved } };
  }

  /** The issue, if it belongs to one of the user's jobs. */
  async findOwned(manager: EntityManager, id: number, userId: string): Promise<DataIssue | null> {
    return manager
      .createQueryBuilder(DataIssue, 'issue')
      .innerJoin('import_jobs', 'job', 'job.id = issue.job_id')
      .where('issue.id = :id AND job.user_id = :userId', { id, userId })
      .getOne();
  }

  /**
   * Applies an edit as seed 002 says: resolving stamps `resolved_at` (once) and defaults
   * `resolved_by` to the caller; unresolving clears both.
   */
  async apply(
    manager: EntityManager,
    issue: DataIssue,
    edit: IssueEdit,
    callerId: string,
  ): Promise<DataIssue> {
    if (edit.description !== undefined) issue.description = edit.description;
    if (edit.resolutionComment !== undefined) issue.resolutionComment = edit.resolutionComment;
    if (edit.resolved === true) {
      issue.resolved = true;
      issue.resolvedAt ??= new Date();
      issue.resolvedBy = edit.resolvedBy ?? issue.resolvedBy ?? callerId;
    } else if (edit.resolved === false) {
      issue.resolved = false;
      issue.resolvedAt = null;
      issue.resolvedBy = null;
    } else if (edit.resolvedBy !== undefined && issue.resolved) {
      issue.resolvedBy = edit.resolvedBy;
    }
    return manager.save(DataIssue, issue);
  }
}
