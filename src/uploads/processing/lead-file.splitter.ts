import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env } from '../../config/env.js';
import { Storage } from '../../storage/storage.js';
import { unreadable } from '../file/lead-file-inspector.js';
import { readSheetRows, type SheetRow } from '../file/sheet-rows.js';
import type { UploadFormat } from '../upload-state.js';
import type { StoredLead } from '../lead.js';
import { LeadBatchesService, type NewBatch } from '../lead-batches.service.js';
import type { LeadUpload } from '../lead-upload.entity.js';
import { LeadUploadsService } from '../lead-uploads.service.js';

/** Batches written to Postgres per statement while the file is read. */
const BATCHES_PER_INSERT = 500;
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
 * in batches. It always starts from the top (batches a crash left behind are deleted first), so a
 * re-run after a crash writes the same batches once. Returns false when the upload was cancelled
 * or failed meanwhile.
 */
@Injectable()
export class LeadFileSplitter {
  private readonly batchSize: number;
  private readonly maxRows: number;

  constructor(
    private readonly uploads: LeadUploadsService,
    private readonly batches: LeadBatchesService,
    private readonly storage: Storage,
    config: ConfigService<Env, true>,
  ) {
    this.batchSize = config.get('LEAD_BATCH_SIZE', { infer: true });
    this.maxRows = config.get('LEAD_MAX_ROWS', { infer: true });
  }

  async split(upload: LeadUpload): Promise<boolean> {
    await this.batches.deleteAll(upload.id);
    const layout = upload.layout!;
    const fields = Object.values(layout.columns);
    const rows = readSheetRows(
      await this.storage.get(upload.storageKey),
      upload.format,
      layout.csv,
    );
    let pending: NewBatch[] = [];
    let current: StoredLead[] = [];
    let batchNo = 0;
    let leads = 0;
    let skippedRows = 0;
    let rowsRead = 0;
    const flush = async (): Promise<boolean> => {
      if (current.length > 0) pending.push({ batchNo: batchNo++, leads: current });
      current = [];
      if (pending.length > 0) await this.batches.insert(upload.id, pending);
      pending = [];
      return this.uploads.recordLeadsRead(upload.id, leads);
    };
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
      if (current.length === this.batchSize) {
        pending.push({ batchNo: batchNo++, leads: current });
        current = [];
        if (pending.length === BATCHES_PER_INSERT && !(await flush())) return false;
      }
    }
    if (!(await flush())) return false;
    return this.uploads.finishFileStage(upload.id, {
      totalBatches: batchNo,
      totalLeads: leads,
      skippedRows,
    });
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
