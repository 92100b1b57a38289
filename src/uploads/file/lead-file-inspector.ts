import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { badRequest } from '../../common/errors/app.exception.js';
import { looksBinary, TEXT_SAMPLE_BYTES } from '../../common/files/binary-check.js';
import { decodeText, EncodingDetector } from '../../common/files/text-encoding.js';
import type { CsvDialect, SheetLayout } from '../lead.js';
import { UploadFormat } from '../upload-state.js';
import { LEAD_COLUMN_HINT, matchLeadColumns } from './lead-columns.js';
import { readSheetRows, type SheetRow } from './sheet-rows.js';
import { checkXlsxArchive } from './xlsx-archive.js';
import { invalidWorkbook } from './xlsx-errors.js';

const DELIMITERS = [',', ';', '\t'];

const invalidFile = (message: string) => badRequest(message, 'INVALID_FILE');

/** The format a file name says: `.xlsx` or `.csv`; anything else is refused. */
export function leadFileFormat(fileName: string): UploadFormat {
  const extension = extname(fileName).toLowerCase();
  if (extension === '.xlsx') return UploadFormat.Xlsx;
  if (extension === '.csv') return UploadFormat.Csv;
  throw badRequest(
    `Unsupported file type '${extension || '(none)'}': upload an .xlsx or .csv file of leads`,
    'UNSUPPORTED_FILE_TYPE',
  );
}

/**
 * Everything checked before a lead file is accepted: not empty; an XLSX that is a sound workbook
 * (no zip bomb), or a CSV that is text in a known encoding; a header row naming at least one lead
 * field; and at least one lead under it. Returns the layout processing reads the file with; throws
 * a 400 that says what is wrong.
 */
export async function inspectLeadFile(
  path: string,
  size: number,
  format: UploadFormat,
  maxUncompressedBytes: number,
): Promise<SheetLayout> {
  if (size === 0) throw invalidFile('The file is empty');
  let csv: CsvDialect | undefined;
  if (format === UploadFormat.Xlsx) await checkXlsxArchive(path, maxUncompressedBytes);
  else csv = await detectCsvDialect(path);
  const rows = readSheetRows(path, format, csv);
  try {
    const header = await firstNonBlank(rows, format);
    if (!header) throw invalidFile('The first sheet is empty');
    const headers = header.cells.map((cell) => cell.trim());
    const columns = matchLeadColumns(headers);
    if (Object.keys(columns).length === 0) {
      throw invalidFile(
        `The header row names no lead column: expected at least one of ${LEAD_COLUMN_HINT}. ` +
          `Headers found: ${headers.filter(Boolean).join(', ') || '(none)'}`,
      );
    }
    const fields = Object.values(columns);
    for (;;) {
      const next = await nextRow(rows, format);
      if (!next) throw invalidFile('The file has a header row but no leads under it');
      if (fields.some((index) => (next.cells[index] ?? '').trim() !== '')) break;
    }
    return { headerRow: header.row, headers, columns, csv };
  } finally {
    await rows.return(undefined);
  }
}

async function firstNonBlank(
  rows: AsyncGenerator<SheetRow>,
  format: UploadFormat,
): Promise<SheetRow | undefined> {
  for (;;) {
    const row = await nextRow(rows, format);
    if (!row || row.cells.some((cell) => cell.trim() !== '')) return row;
  }
}

async function nextRow(
  rows: AsyncGenerator<SheetRow>,
  format: UploadFormat,
): Promise<SheetRow | undefined> {
  try {
    const next = await rows.next();
    return next.done ? undefined : next.value;
  } catch (error) {
    throw unreadable(error, format);
  }
}

/** A parser's complaint about a file, as the client's 400. */
export function unreadable(error: unknown, format: UploadFormat): Error {
  const reason = (error as Error).message;
  return format === UploadFormat.Xlsx
    ? invalidWorkbook(`its sheet cannot be read (${reason})`)
    : invalidFile(`The CSV file cannot be read: ${reason}`);
}

/** Text, in UTF-8 (with or without BOM) or Windows-1252, with `,`, `;` or tab between fields. */
async function detectCsvDialect(path: string): Promise<CsvDialect> {
  const encoding = new EncodingDetector();
  let head = Buffer.alloc(0);
  for await (const chunk of createReadStream(path, {
    highWaterMark: 256 * 1024,
  }) as AsyncIterable<Buffer>) {
    if (chunk.includes(0)) throw invalidFile('The file is binary, not a CSV text file');
    if (head.length < TEXT_SAMPLE_BYTES)
      head = Buffer.concat([head, chunk.subarray(0, TEXT_SAMPLE_BYTES - head.length)]);
    encoding.push(chunk);
  }
  if (looksBinary(head)) throw invalidFile('The file is binary, not a CSV text file');
  const detected = encoding.result();
  if ('invalidUtf8' in detected) {
    throw invalidFile(`The file is not valid UTF-8: ${detected.invalidUtf8}`);
  }
  const text = decodeText(head, detected.encoding);
  const lineEnd = text.search(/\r?\n/);
  if (lineEnd < 0 && head.length >= TEXT_SAMPLE_BYTES) {
    throw invalidFile(`The file has no header row: no line break in its first 64 KB`);
  }
  const firstLine = lineEnd < 0 ? text : text.slice(0, lineEnd);
  return { encoding: detected.encoding, delimiter: bestDelimiter(firstLine) };
}

/** The delimiter under which the first line names the most lead columns (then: the most columns). */
function bestDelimiter(line: string): string {
  const scored = DELIMITERS.map((delimiter) => {
    let headers: string[] = [];
    try {
      headers = (parse(line, { delimiter, relax_quotes: true }) as string[][])[0] ?? [];
    } catch {
      // An unparseable line under this delimiter just scores nothing.
    }
    return {
      delimiter,
      matched: Object.keys(matchLeadColumns(headers)).length,
      width: headers.length,
    };
  });
  scored.sort((a, b) => b.matched - a.matched || b.width - a.width);
  return scored[0].delimiter;
}
