import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type ExcelJS from 'exceljs';
import { decodeStream } from '../../common/files/text-encoding.js';
import type { CsvDialect } from '../lead.js';
import { UploadFormat } from '../upload-state.js';
import { loadWorkbookReader } from './excel.js';
import { xlsxInReadingOrder } from './xlsx-reading-order.js';

export interface SheetRow {
  /** 1-based: the sheet's row number, or the CSV record's position. */
  row: number;
  cells: string[];
}

/** A CSV record longer than this is not a lead row (a 5 MB line with no newline, say). */
const MAX_CSV_RECORD_BYTES = 1024 * 1024;

/**
 * The rows of a lead file's first sheet (a local file: an XLSX is read through its directory),
 * streamed: exceljs's `WorkbookReader` for XLSX, csv-parse for CSV. Cells come back as text; a
 * formula cell gives its cached result, never its formula.
 */
export function readSheetRows(
  path: string,
  format: UploadFormat,
  dialect?: CsvDialect,
): AsyncGenerator<SheetRow> {
  return format === UploadFormat.Xlsx ? xlsxRows(path) : csvRows(createReadStream(path), dialect!);
}

/** An XLSX file's first sheet, read through the archive's directory (so a local file). */
export async function* xlsxRows(path: string): AsyncGenerator<SheetRow> {
  const WorkbookReader = await loadWorkbookReader();
  const source = await xlsxInReadingOrder(path);
  const workbook = new WorkbookReader(source, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  try {
    for await (const worksheet of workbook) {
      for await (const row of worksheet) {
        const values = row.values as ExcelJS.CellValue[];
        const cells: string[] = [];
        for (let column = 1; column < values.length; column += 1) {
          cells.push(cellText(values[column]));
        }
        yield { row: row.number, cells };
      }
      return;
    }
  } finally {
    source.destroy();
  }
}

/** A CSV file's records, as a stream in its detected encoding and delimiter. */
export async function* csvRows(source: Readable, dialect: CsvDialect): AsyncGenerator<SheetRow> {
  const parser = source.pipe(decodeStream(dialect.encoding)).pipe(
    parse({
      delimiter: dialect.delimiter,
      relax_column_count: true,
      relax_quotes: true,
      max_record_size: MAX_CSV_RECORD_BYTES,
    }),
  );
  let row = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      row += 1;
      yield { row, cells };
    }
  } finally {
    source.destroy();
  }
}

function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  }
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue);
  return '';
}
