import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { StagingRow, StagingStatus } from './staging-row.entity.js';

export type StagingEdit = Partial<
  Pick<StagingRow, 'email' | 'firstName' | 'lastName' | 'company' | 'status'>
>;

/** What a review edit changed: one staging row, or one issue (and so the rows it holds). */
export type TouchedRows = { stagingId: number } | { issueId: number };

/** The `staging_rows` table, outside the bulk ingest. */
@Injectable()
export class StagingService {
  /** The row, if it belongs to one of the user's jobs; locked for the rest of the transaction. */
  async findOwnedForUpdate(
    manager: EntityManager,
    id: number,
    userId: string,
  ): Promise<StagingRow | null> {
    const [row] = (await manager.query(
      `SELECT s.id FROM staging_rows s JOIN import_jobs j ON j.id = s.job_id
       WHERE s.id = $1 AND j.user_id = $2 FOR UPDATE OF s`,
      [id, userId],
    )) as { id: number }[];
    return row ? manager.findOneByOrFail(StagingRow, { id: row.id }) : null;
  }

  async apply(manager: EntityManager, row: StagingRow, edit: StagingEdit): Promise<StagingRow> {
    Object.assign(row, edit);
    return manager.save(StagingRow, row);
  }

  /**
   * READY rows among those an edit touched that no open issue holds: the ones to import now. Every
   * settle imports or skips each READY row left clear, so between edits every READY row is held, and
   * an edit can clear only the row it edits or the rows of the issue it resolves. Looking only there
   * needs no index of the status, which would make every status change a non-HOT update (the
   * import's marking of its held rows included).
   */
  readyAndClear(manager: EntityManager, touched: TouchedRows): Promise<StagingRow[]> {
    const rows = manager
      .createQueryBuilder(StagingRow, 'row')
      .where('row.status = :ready', { ready: StagingStatus.Ready });
    if ('stagingId' in touched) rows.andWhere('row.id = :stagingId', touched);
    else {
      rows.andWhere(
        'row.id IN (SELECT link.staging_id FROM data_issue_rows link WHERE link.issue_id = :issueId)',
        touched,
      );
    }
    return rows
      .andWhere(
        `NOT EXISTS (SELECT 1 FROM data_issue_rows link JOIN data_issues issue ON issue.id = link.issue_id
                     WHERE link.staging_id = row.id AND NOT issue.resolved)`,
      )
      .getMany();
  }

  async setStatus(manager: EntityManager, ids: number[], status: StagingStatus): Promise<void> {
    if (ids.length > 0) await manager.update(StagingRow, { id: In(ids) }, { status });
  }

  /** When review ends, rows still held in an issue are skipped. */
  async skipHeld(manager: EntityManager, jobId: number): Promise<void> {
    await manager.update(
      StagingRow,
      { jobId, status: StagingStatus.Issue },
      { status: StagingStatus.Skipped },
    );
  }

  /** The rows each of the given issues holds. */
  async rowsOfIssues(
    manager: EntityManager,
    issueIds: number[],
  ): Promise<Map<number, StagingRow[]>> {
    const byIssue = new Map<number, StagingRow[]>(issueIds.map((id) => [id, []]));
    if (issueIds.length === 0) return byIssue;
    const links = (await manager.query(
      `SELECT link.issue_id AS "issueId", link.staging_id AS "stagingId" FROM data_issue_rows link
       WHERE link.issue_id = ANY($1) ORDER BY link.staging_id`,
      [issueIds],
    )) as { issueId: number; stagingId: number }[];
    const rows = await manager.findBy(StagingRow, {
      id: In([...new Set(links.map((link) => link.stagingId))]),
    });
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const link of links) byIssue.get(link.issueId)!.push(byId.get(link.stagingId)!);
    return byIssue;
  }
}
