import { Transform, type TransformCallback } from 'node:stream';
import type { ColumnIndexes } from '../csv/contact-columns.js';

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A value in COPY's text format: trimmed, with its special characters escaped. */
function copyValue(raw: string | undefined): string {
  const value = (raw ?? '').trim();
  return NEEDS_ESCAPE.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : value;
}

/**
 * Turns parsed CSV records into COPY text lines (row number, email, first name, last name,
 * company), batching many lines per chunk, and counts them for progress.
 */
export class CopyRowsTransform extends Transform {
  rows = 0;
  private batch: string[] = [];

  constructor(
    private readonly columns: ColumnIndexes,
    private readonly onRows: (rows: number) => void,
  ) {
    super({ writableObjectMode: true, readableObjectMode: false });
  }

  override _transform(
    record: { record: string[]; info: { lines: number } },
    _encoding: string,
    done: TransformCallback,
  ): void {
    const cells = record.record;
    const { email, first_name, last_name, company } = this.columns;
    this.batch.push(
      `${record.info.lines}\t${copyValue(cells[email])}\t${copyValue(cells[first_name])}\t${copyValue(cells[last_name])}\t${copyValue(cells[company])}\n`,
    );
    this.rows += 1;
    if (this.batch.length >= 2000) this.flushBatch();
    done();
  }

  override _flush(done: TransformCallback): void {
    this.flushBatch();
    done();
  }

  private flushBatch(): void {
    if (this.batch.length === 0) return;
    this.push(this.batch.join(''));
    this.batch = [];
    this.onRows(this.rows);
  }
}
