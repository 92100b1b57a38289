import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MoreThan, type Repository } from 'typeorm';
import type { LeadEnrichment, SheetLayout, StoredLead } from './lead.js';
import { BatchState, LeadBatch } from './lead-batch.entity.js';
import type { UploadStatus } from './upload-state.js';

export interface NewBatch {
  batchNo: number;
  leads: StoredLead[];
}

/** A pending batch of a processing upload, with what a worker needs to enrich it. */
export interface BatchWork {
  leads: StoredLead[];
  layout: SheetLayout;
}

export type BatchOutcome =
  | { state: BatchState.Completed; enrichment: LeadEnrichment[] }
  | { state: BatchState.Failed; errorCode: string; errorMessage: string };

/** Written when the last batch finishes and none of them succeeded. */
const ALL_FAILED = {
  code: 'ENRICHMENT_FAILED',
  message: 'Every batch failed enrichment; see the batches for the provider errors',
};

/** The `lead_batches` table: an upload's leads in batches, each processed exactly once. */
@Injectable()
export class LeadBatchesService {
  constructor(@InjectRepository(LeadBatch) private readonly batches: Repository<LeadBatch>) {}

  /** Inserts batches; batches already there (the same file split again) are left as they are. */
  async insert(uploadId: string, batches: NewBatch[]): Promise<void> {
    await this.batches.query(
      `INSERT INTO lead_batches (upload_id, batch_no, state, lead_count, leads)
       SELECT $1, batch.no, 'pending', jsonb_array_length(batch.leads), batch.leads
       FROM jsonb_to_recordset($2::jsonb) AS batch(no integer, leads jsonb)
       ON CONFLICT (upload_id, batch_no) DO NOTHING`,
      [uploadId, JSON.stringify(batches.map(({ batchNo, leads }) => ({ no: batchNo, leads })))],
    );
  }

  /** Batches a file split left behind when it was interrupted: the split starts again. */
  async deleteAll(uploadId: string): Promise<void> {
    await this.batches.delete({ uploadId });
  }

  async pendingNumbers(uploadId: string): Promise<number[]> {
    const rows = await this.batches.find({
      select: { batchNo: true },
      where: { uploadId, state: BatchState.Pending },
      order: { batchNo: 'ASC' },
    });
    return rows.map((row) => row.batchNo);
  }

  /** The batch, if it is still pending and its upload still processing. */
  async loadPending(uploadId: string, batchNo: number): Promise<BatchWork | undefined> {
    const [work] = (await this.batches.query(
      `SELECT batch.leads, upload.layout
       FROM lead_batches batch JOIN lead_uploads upload ON upload.id = batch.upload_id
       WHERE batch.upload_id = $1 AND batch.batch_no = $2 AND batch.state = 'pending'
         AND upload.status = 'processing'`,
      [uploadId, batchNo],
    )) as BatchWork[];
    return work;
  }

  /**
   * Records a batch's outcome and counts it on its upload, in one statement: only while the batch
   * is pending (a retry or a re-run after a crash counts nothing twice) and the upload processing
   * (nothing is written after a cancel). The upload row is locked first, so concurrent batches
   * count one after another; the last one finishes the upload. Returns the upload's status, or
   * undefined when nothing was written.
   */
  async finish(
    uploadId: string,
    batchNo: number,
    outcome: BatchOutcome,
  ): Promise<UploadStatus | undefined> {
    const completed = outcome.state === BatchState.Completed;
    const [rows] = (await this.batches.query(
      `WITH upload AS (
         SELECT id FROM lead_uploads WHERE id = $1 AND status = 'processing' FOR UPDATE
       ), batch AS (
         UPDATE lead_batches
         SET state = $3, enrichment = $4::jsonb, error_code = $5, error_message = $6, finished_at = now()
         WHERE upload_id = $1 AND batch_no = $2 AND state = 'pending' AND EXISTS (SELECT 1 FROM upload)
         RETURNING lead_count
       )
       UPDATE lead_uploads u
       SET completed_batches = u.completed_batches + $7::int,
           failed_batches = u.failed_batches + 1 - $7::int,
           processed_leads = u.processed_leads + batch.lead_count * $7::int,
           status = CASE
             WHEN u.completed_batches + u.failed_batches + 1 < u.total_batches THEN u.status
             WHEN u.completed_batches + $7::int = 0 THEN 'error'
             ELSE 'completed' END,
           stage = CASE
             WHEN u.completed_batches + u.failed_batches + 1 < u.total_batches
               OR u.completed_batches + $7::int = 0 THEN u.stage
             ELSE 'completed' END,
           error_code = CASE
             WHEN u.completed_batches + u.failed_batches + 1 >= u.total_batches
               AND u.completed_batches + $7::int = 0 THEN $8 END,
           error_message = CASE
             WHEN u.completed_batches + u.failed_batches + 1 >= u.total_batches
               AND u.completed_batches + $7::int = 0 THEN $9 END,
           error_at = CASE
             WHEN u.completed_batches + u.failed_batches + 1 >= u.total_batches
               AND u.completed_batches + $7::int = 0 THEN now() END,
           finished_at = CASE
             WHEN u.completed_batches + u.failed_batches + 1 >= u.total_batches THEN now() END,
           updated_at = now()
       FROM batch
       WHERE u.id = $1
       RETURNING u.status`,
      [
        uploadId,
        batchNo,
        outcome.state,
        completed ? JSON.stringify(outcome.enrichment) : null,
        completed ? null : outcome.errorCode,
        completed ? null : outcome.errorMessage,
        completed ? 1 : 0,
        ALL_FAILED.code,
        ALL_FAILED.message,
      ],
    )) as [{ status: UploadStatus }[], number];
    return rows[0]?.status;
  }

  /** Batches in file order, `limit` at a time after `afterBatchNo` (for the result file). */
  inFileOrder(uploadId: string, afterBatchNo: number, limit: number): Promise<LeadBatch[]> {
    return this.batches.find({
      select: { batchNo: true, state: true, leads: true, enrichment: true, errorCode: true },
      where: { uploadId, batchNo: MoreThan(afterBatchNo) },
      order: { batchNo: 'ASC' },
      take: limit,
    });
  }
}
