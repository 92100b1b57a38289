import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env } from '../../config/env.js';
import { receiveToTempFile } from '../../common/files/temp-file.js';
import { Storage } from '../../storage/storage.js';
import { unreadable } from '../file/lead-file-inspector.js';
import { csvRows, type SheetRow, xlsxRows } from '../file/sheet-rows.js';
import { UploadFormat } from '../upload-state.js';
import type { StoredLead } from '../lead.js';
import { LeadBatchesService, type NewBatch } from '../lead-batches.service.js';
import type { LeadUpload } from '../lead-upload.entity.js';
import { LeadUploadsService } from '../lead-uploads.service.js';
import { BatchChunkStore, type BatchQueuer } from './batch-chunk-store.js';

/**
 * Batches written to Postgres per statement while the file is read. The leads read since the last
 * statement are held in memory; 100 batches keep that under a megabyte or so (500 held enough to
 * outlive young-generation collections and pile up in the old generation).
 */
const BATCHES_PER_INSERT = 100;
/** Excel's own limit on a cell's text; longer text is cut there. */
const MAX_CELL_CHARS = 32_767;

export class FileProcessingError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The `file_processing` stage: reads the stored file as a stream and writes its leads to Postgres
 * in batches, queueing each stored chunk's batches at once so enrichment runs while the file is
 * read. The split is deterministic (the upload's fixed batch size, file order), so a split redone
 * after a crash stores and queues nothing twice: batches already there are kept, finished or not.
 *
 * Chunks of batches are stored and queued by a `BatchChunkStore` while the file is read on. The
 * split stops where it stands once the upload is cancelled or failed.
 */
@Injectable()
export class LeadFileSplitter {
  private readonly maxRows: number;

  constructor(
    private readonly uploads: LeadUploadsService,
    private readonly batches: LeadBatchesService,
    private readonly storage: Storage,
    config: ConfigService<Env, true>,
  ) {
    this.maxRows = config.get('LEAD_MAX_ROWS', { infer: true });
  }

  async split(upload: LeadUpload, queue: BatchQueuer): Promise<void> {
    const stored = await this.storage.get(upload.storageKey);
    if (upload.format === UploadFormat.Csv) {
      await this.splitRows(upload, csvRows(stored, upload.layout!.csv!), queue);
      return;
    }
    // An XLSX is read through its directory, so from a local file; the stored object was checked
    // when it was uploaded.
    const file = await receiveToTempFile(stored, Number.POSITIVE_INFINITY);
    try {
      await this.splitRows(upload, xlsxRows(file.path), queue);
    } finally {
      await file.remove();
    }
  }

  private async splitRows(
    upload: LeadUpload,
    rows: AsyncGenerator<SheetRow>,
    queue: BatchQueuer,
  ): Promise<void> {
    const layout = upload.layout!;
    const batchSize = upload.batchSize!;
    const fields = Object.values(layout.columns);
    const chunks = new BatchChunkStore(upload.id, this.batches, this.uploads, queue);
    let pending: NewBatch[] = [];
    let current: StoredLead[] = [];
    let batchNo = 0;
    let leads = 0;
    let skippedRows = 0;
    let rowsRead = 0;
    const cutBatch = () => {
      pending.push({ batchNo: batchNo++, leads: current });
      current = [];
    };
    const storePending = () => {
      const chunk = pending;
      pending = [];
      return chunks.store(chunk, { leads, batches: batchNo });
    };
    try {
      for await (const { row, cells } of parsed(rows, upload.format)) {
        if (row <= layout.headerRow || isBlank(cells)) continue;
        rowsRead += 1;
        if (rowsRead > this.maxRows) {
          throw new FileProcessingError(
            'TOO_MANY_ROWS',
            `The file has more than ${this.maxRows} rows`,
          );
        }
        if (!fields.some((index) => (cells[index] ?? '').trim() !== '')) {
          skippedRows += 1;
          continue;
        }
        current.push({ row, cells: cells.map(clip) });
        leads += 1;
        if (current.length === batchSize) {
          cutBatch();
          if (pending.length === BATCHES_PER_INSERT) {
            // One chunk is stored while the next is read, not more.
            if (!(await chunks.stored())) return;
            void storePending();
          }
        }
      }
      if (current.length > 0) cutBatch();
      if (!(await storePending())) return;
    } finally {
      await chunks.settle();
    }
    const ended = await this.uploads.finishFileStage(upload.id, {
      totalBatches: batchNo,
      totalLeads: leads,
      skippedRows,
    });
    if (ended) await chunks.queueHeld();
  }
}

/** The file's rows; a parser's complaint becomes the upload's INVALID_FILE error. */
async function* parsed(
  rows: AsyncGenerator<SheetRow>,
  format: UploadFormat,
): AsyncGenerator<SheetRow> {
  try {
    yield* rows;
  } catch (error) {
    throw new FileProcessingError('INVALID_FILE', unreadable(error, format).message);
  }
}

const isBlank = (cells: string[]): boolean => cells.every((cell) => cell.trim() === '');
const clip = (cell: string): string =>
  cell.length > MAX_CELL_CHARS ? cell.slice(0, MAX_CELL_CHARS) : cell;
