import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, MoreThan, type Repository } from 'typeorm';
import { turnBatcher } from '../common/batching/turn-batcher.js';
import { PreparedStatement } from '../database/prepared-statement.js';
import type { SheetLayout } from './lead.js';
import { LeadUpload } from './lead-upload.entity.js';
import {
  CANCELLABLE_STATUSES,
  UNFINISHED_STATUSES,
  type UploadFormat,
  UPLOAD_TTL_HOURS,
  UploadStage,
  UploadStatus,
} from './upload-state.js';

export interface NewUpload {
  id: string;
  userId: string;
  fileName: string;
  fileSize: number;
  format: UploadFormat;
  storageKey: string;
  /** Known when the body came with the request; absent for a two-step upload. */
  layout?: SheetLayout;
}

/** What a split has stored so far. */
export interface SplitProgress {
  leads: number;
  batches: number;
}

export interface FileTotals {
  totalBatches: number;
  totalLeads: number;
  skippedRows: number;
}

export type CancelOutcome = 'cancelled' | 'finished' | 'missing';

const LIVE = (now = new Date()) => MoreThan(now);

const COLUMNS = `id, user_id AS "userId", file_name AS "fileName", file_size AS "fileSize", format,
  storage_key AS "storageKey", status, stage, layout, batch_size AS "batchSize", total_batches AS "totalBatches",
  completed_batches AS "completedBatches", failed_batches AS "failedBatches",
  total_leads AS "totalLeads", processed_leads AS "processedLeads", skipped_rows AS "skippedRows",
  error_code AS "errorCode", error_message AS "errorMessage", error_at AS "errorAt",
  created_at AS "createdAt", updated_at AS "updatedAt", started_at AS "startedAt",
  finished_at AS "finishedAt", expires_at AS "expiresAt"`;

/** A row read with COLUMNS: pg returns bigint as text. */
type UploadRow = Omit<LeadUpload, 'fileSize'> & { fileSize: string };

const FIND_LIVE = new PreparedStatement<UploadRow>(
  'lead-uploads-live',
  `SELECT ${COLUMNS} FROM lead_uploads WHERE id = ANY($1::uuid[]) AND expires_at > now()`,
);

interface OwnedKey {
  id: string;
  userId: string;
}

const toUpload = (row: UploadRow): LeadUpload => ({ ...row, fileSize: Number(row.fileSize) });

/** The `lead_uploads` table: each state change is one conditional statement. */
@Injectable()
export class LeadUploadsService {
  /**
   * Status polling reads one upload per request; the reads that arrive in the same turn of the
   * event loop go to Postgres as one statement, not one round trip each.
   */
  private readonly owned = turnBatcher<OwnedKey, LeadUpload | null>(async (keys) => {
    const rows = await FIND_LIVE.rows(this.uploads.manager.connection, [keys.map((key) => key.id)]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return keys.map(({ id, userId }) => {
      const row = byId.get(id);
      return row && row.userId === userId ? toUpload(row) : null;
    });
  });

  constructor(@InjectRepository(LeadUpload) private readonly uploads: Repository<LeadUpload>) {}

  /** Inserts the upload: `uploaded` when its body is stored, else `uploading` until it is. */
  async create(upload: NewUpload): Promise<LeadUpload> {
    const stored = upload.layout !== undefined;
    const [row] = (await this.uploads.query(
      `INSERT INTO lead_uploads (id, user_id, file_name, file_size, format, storage_key, status, stage,
         layout, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now() + make_interval(hours => ${UPLOAD_TTL_HOURS}))
       RETURNING ${COLUMNS}`,
      [
        upload.id,
        upload.userId,
        upload.fileName,
        upload.fileSize,
        upload.format,
        upload.storageKey,
        stored ? UploadStatus.Uploaded : UploadStatus.Uploading,
        stored ? UploadStage.FileProcessing : UploadStage.FileUpload,
        stored ? JSON.stringify(upload.layout) : null,
      ],
    )) as UploadRow[];
    return toUpload(row);
  }

  /** Any user's upload, unless it has expired (a signed upload URL names it). */
  findById(id: string): Promise<LeadUpload | null> {
    return this.uploads.findOneBy({ id, expiresAt: LIVE() });
  }

  /**
   * The user's upload, unless it has expired (another user's is not found). Read with the other
   * lookups of the same turn, see `owned`.
   */
  findOwned(id: string, userId: string): Promise<LeadUpload | null> {
    return this.owned.load({ id, userId });
  }

  /** The user's uploads, newest first, with the total. */
  list(userId: string, limit: number, offset: number): Promise<[LeadUpload[], number]> {
    return this.uploads.findAndCount({
      where: { userId, expiresAt: LIVE() },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: limit,
      skip: offset,
    });
  }

  /**
   * A two-step upload's body arrived and passed inspection: ready for processing. Null when the
   * upload was no longer waiting for it.
   */
  async markUploaded(
    id: string,
    fileSize: number,
    layout: SheetLayout,
  ): Promise<LeadUpload | null> {
    const [rows] = (await this.uploads.query(
      `UPDATE lead_uploads
       SET status = 'uploaded', stage = 'file_processing', file_size = $2, layout = $3, updated_at = now()
       WHERE id = $1 AND status = 'uploading' AND expires_at > now()
       RETURNING ${COLUMNS}`,
      [id, fileSize, JSON.stringify(layout)],
    )) as [UploadRow[], number];
    return rows[0] ? toUpload(rows[0]) : null;
  }

  /**
   * A worker takes the upload: from uploaded, or processing again after a crash. The batch size is
   * fixed the first time.
   */
  async startProcessing(id: string, batchSize: number): Promise<LeadUpload | null> {
    const [, count] = (await this.uploads.query(
      `UPDATE lead_uploads
       SET status = 'processing', started_at = coalesce(started_at, now()),
           batch_size = coalesce(batch_size, $2), updated_at = now()
       WHERE id = $1 AND status IN ('uploaded', 'processing') AND expires_at > now()`,
      [id, batchSize],
    )) as [unknown, number];
    return count > 0 ? this.uploads.findOneBy({ id }) : null;
  }

  /**
   * What the split has stored so far (never less than before: a split redone after a crash counts
   * up again from the top); false once the upload is no longer processing.
   */
  async recordSplitProgress(id: string, stored: SplitProgress): Promise<boolean> {
    const [, count] = (await this.uploads.query(
      `UPDATE lead_uploads
       SET total_leads = greatest(total_leads, $2), total_batches = greatest(total_batches, $3),
           updated_at = now()
       WHERE id = $1 AND status = 'processing' AND stage = 'file_processing'`,
      [id, stored.leads, stored.batches],
    )) as [unknown, number];
    return count > 0;
  }

  /**
   * The file is split: from here the last batch to finish completes the upload; with no leads at
   * all, it is done now.
   */
  async finishFileStage(id: string, totals: FileTotals): Promise<boolean> {
    const [, count] = (await this.uploads.query(
      `UPDATE lead_uploads
       SET total_batches = $2, total_leads = $3, skipped_rows = $4, updated_at = now(),
           stage = CASE WHEN $2 = 0 THEN 'completed' ELSE 'batch_processing' END,
           status = CASE WHEN $2 = 0 THEN 'completed' ELSE status END,
           finished_at = CASE WHEN $2 = 0 THEN now() END
       WHERE id = $1 AND status = 'processing' AND stage = 'file_processing'`,
      [id, totals.totalBatches, totals.totalLeads, totals.skippedRows],
    )) as [unknown, number];
    return count > 0;
  }

  /** Processing failed as a whole (an unreadable file, say); a finished upload stays as it is. */
  async fail(id: string, code: string, message: string): Promise<void> {
    await this.uploads.query(
      `UPDATE lead_uploads
       SET status = 'error', error_code = $2, error_message = $3, error_at = now(),
           finished_at = now(), updated_at = now()
       WHERE id = $1 AND status IN ('uploading', 'uploaded', 'processing')`,
      [id, code, message],
    );
  }

  /** Cancels the user's upload while it is unfinished; says why not otherwise. */
  async cancel(id: string, userId: string): Promise<CancelOutcome> {
    const [, count] = (await this.uploads.query(
      `UPDATE lead_uploads SET status = 'cancelled', finished_at = now(), updated_at = now()
       WHERE id = $1 AND user_id = $2 AND status = ANY($3) AND expires_at > now()`,
      [id, userId, CANCELLABLE_STATUSES],
    )) as [unknown, number];
    if (count > 0) return 'cancelled';
    return (await this.findOwned(id, userId)) ? 'finished' : 'missing';
  }

  /** True once the upload is no longer wanted: cancelled, or deleted by retention. */
  async isCancelled(id: string): Promise<boolean> {
    const upload = await this.uploads.findOne({ select: { status: true }, where: { id } });
    return !upload || upload.status === UploadStatus.Cancelled;
  }

  findUnfinished(): Promise<Pick<LeadUpload, 'id'>[]> {
    return this.uploads.find({
      select: { id: true },
      where: { status: In(UNFINISHED_STATUSES), expiresAt: LIVE() },
    });
  }

  /** Deletes expired uploads (their batches go with them); returns their stored files' keys. */
  async purgeExpired(now: Date): Promise<string[]> {
    const [rows] = (await this.uploads.query(
      `DELETE FROM lead_uploads WHERE expires_at <= $1 RETURNING storage_key AS "storageKey"`,
      [now],
    )) as [{ storageKey: string }[], number];
    return rows.map((row) => row.storageKey);
  }
}
