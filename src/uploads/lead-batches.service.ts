import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MoreThan, type Repository } from 'typeorm';
import { turnBatcher } from '../common/batching/turn-batcher.js';
import { PreparedStatement } from '../database/prepared-statement.js';
import type { LeadEnrichment, SheetLayout, StoredLead } from './lead.js';
import { BatchState, LeadBatch } from './lead-batch.entity.js';

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

interface BatchKey {
  uploadId: string;
  batchNo: number;
}

const batchId = ({ uploadId, batchNo }: BatchKey) => `${uploadId}/${batchNo}`;

/**
 * Writes finished batches and counts them on their uploads. The uploads' rows are locked first (in
 * one order), so statements finishing batches of the same upload count one after another.
 */
const FINISH_BATCHES = new PreparedStatement(
  'lead-batches-finish',
  `
  WITH outcome AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS outcome(upload_id uuid, batch_no integer,
      state text, enrichment jsonb, error_code text, error_message text)
  ), upload AS (
    SELECT id FROM lead_uploads
    WHERE id IN (SELECT upload_id FROM outcome) AND status = 'processing'
    ORDER BY id FOR UPDATE
  ), batch AS (
    UPDATE lead_batches batch
    SET state = outcome.state, enrichment = outcome.enrichment, error_code = outcome.error_code,
        error_message = outcome.error_message, finished_at = now()
    FROM outcome
    WHERE batch.upload_id = outcome.upload_id AND batch.batch_no = outcome.batch_no
      AND batch.state = 'pending' AND batch.upload_id IN (SELECT id FROM upload)
    RETURNING batch.upload_id, batch.state, batch.lead_count
  ), counted AS (
    SELECT upload_id,
      count(*) FILTER (WHERE state = 'completed')::int AS completed,
      count(*) FILTER (WHERE state = 'failed')::int AS failed,
      coalesce(sum(lead_count) FILTER (WHERE state = 'completed'), 0)::int AS leads
    FROM batch GROUP BY upload_id
  )
  -- The counts read from u here are the row's latest version (the update waits on the lock),
  -- so the conditions are written out per column rather than computed once in a CTE.
  UPDATE lead_uploads u
  SET completed_batches = u.completed_batches + c.completed,
      failed_batches = u.failed_batches + c.failed,
      processed_leads = u.processed_leads + c.leads,
      status = CASE
        WHEN u.completed_batches + u.failed_batches + c.completed + c.failed < u.total_batches
          THEN u.status
        WHEN u.completed_batches + c.completed = 0 THEN 'error'
        ELSE 'completed' END,
      stage = CASE
        WHEN u.completed_batches + u.failed_batches + c.completed + c.failed < u.total_batches
          OR u.completed_batches + c.completed = 0 THEN u.stage
        ELSE 'completed' END,
      error_code = CASE
        WHEN u.completed_batches + u.failed_batches + c.completed + c.failed >= u.total_batches
          AND u.completed_batches + c.completed = 0 THEN $2 END,
      error_message = CASE
        WHEN u.completed_batches + u.failed_batches + c.completed + c.failed >= u.total_batches
          AND u.completed_batches + c.completed = 0 THEN $3 END,
      error_at = CASE
        WHEN u.completed_batches + u.failed_batches + c.completed + c.failed >= u.total_batches
          AND u.completed_batches + c.completed = 0 THEN now() END,
      finished_at = CASE
        WHEN u.completed_batches + u.failed_batches + c.completed + c.failed >= u.total_batches
          THEN now() END,
      updated_at = now()
  FROM counted c
  WHERE u.id = c.upload_id`,
);

/** A split's chunk of batches. */
const INSERT_BATCHES = new PreparedStatement(
  'lead-batches-insert',
  `INSERT INTO lead_batches (upload_id, batch_no, state, lead_count, leads)
   SELECT $1, batch.no, 'pending', jsonb_array_length(batch.leads), batch.leads
   FROM jsonb_to_recordset($2::jsonb) AS batch(no integer, leads jsonb)
   ON CONFLICT (upload_id, batch_no) DO NOTHING`,
);

/** The wanted batches that are still pending, of uploads still processing. */
const LOAD_PENDING = new PreparedStatement<BatchKey & BatchWork>(
  'lead-batches-pending',
  `SELECT batch.upload_id AS "uploadId", batch.batch_no AS "batchNo", batch.leads, upload.layout
   FROM unnest($1::uuid[], $2::int[]) AS wanted(upload_id, batch_no)
   JOIN lead_batches batch USING (upload_id, batch_no)
   JOIN lead_uploads upload ON upload.id = batch.upload_id
   WHERE batch.state = 'pending' AND upload.status = 'processing'`,
);

/**
 * The `lead_batches` table: an upload's leads in batches, each processed exactly once. The
 * statements run once per batch or per turn are named prepared statements (see
 * `PreparedStatement`): 10,000 batches are some 1,000 of them.
 */
@Injectable()
export class LeadBatchesService {
  constructor(@InjectRepository(LeadBatch) private readonly batches: Repository<LeadBatch>) {}

  /** Inserts batches; batches already there (the same file split again) are left as they are. */
  async insert(uploadId: string, batches: NewBatch[]): Promise<void> {
    await INSERT_BATCHES.rows(this.batches.manager.connection, [
      uploadId,
      JSON.stringify(batches.map(({ batchNo, leads }) => ({ no: batchNo, leads }))),
    ]);
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
  loadPending(uploadId: string, batchNo: number): Promise<BatchWork | undefined> {
    return this.pending.load({ uploadId, batchNo });
  }

  /**
   * Records a batch's outcome and counts it on its upload: only while the batch is pending (a
   * retry or a re-run after a crash counts nothing twice) and the upload processing (nothing is
   * written after a cancel). The last batch finishes the upload: while the file is still read, the
   * highest batch stored is not queued yet (see `LeadFileSplitter`), so the counts cannot reach the
   * total before the file stage has ended.
   */
  async finish(uploadId: string, batchNo: number, outcome: BatchOutcome): Promise<void> {
    await this.outcomes.load({ uploadId, batchNo, outcome });
  }

  /**
   * Batches running at once finish in the same turns of the event loop; each turn's are read, and
   * written with their uploads' counters, in one statement.
   */
  private readonly pending = turnBatcher<BatchKey, BatchWork | undefined>(async (keys) => {
    const rows = await LOAD_PENDING.rows(this.batches.manager.connection, [
      keys.map((key) => key.uploadId),
      keys.map((key) => key.batchNo),
    ]);
    const found = new Map(rows.map((row) => [batchId(row), row]));
    return keys.map((key) => found.get(batchId(key)));
  });

  private readonly outcomes = turnBatcher<BatchKey & { outcome: BatchOutcome }, void>(
    async (finished) => {
      await FINISH_BATCHES.rows(this.batches.manager.connection, [
        JSON.stringify(
          finished.map(({ uploadId, batchNo, outcome }) => ({
            upload_id: uploadId,
            batch_no: batchNo,
            state: outcome.state,
            enrichment: outcome.state === BatchState.Completed ? outcome.enrichment : null,
            error_code: outcome.state === BatchState.Failed ? outcome.errorCode : null,
            error_message: outcome.state === BatchState.Failed ? outcome.errorMessage : null,
          })),
        ),
        ALL_FAILED.code,
        ALL_FAILED.message,
      ]);
      return finished.map(() => undefined);
    },
  );

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
