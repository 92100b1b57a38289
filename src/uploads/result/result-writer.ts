import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { loadWorkbookWriter } from '../file/excel.js';
import { UploadFormat } from '../upload-state.js';

/**
 * Writes result rows (header first) to `out` as the uploaded format: an XLSX through exceljs's
 * streaming writer, or a UTF-8 CSV with a BOM (so spreadsheet programs read its encoding).
 */
export async function writeResultFile(
  format: UploadFormat,
  rows: AsyncIterable<string[]>,
  out: Writable,
): Promise<void> {
  if (format === UploadFormat.Csv) {
    await pipeline(rows, stringify({ bom: true }), out);
    return;
  }
  const WorkbookWriter = await loadWorkbookWriter();
  const workbook = new WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('Leads');
  for await (const row of rows) sheet.addRow(row).commit();
  sheet.commit();
  await workbook.commit();
}
