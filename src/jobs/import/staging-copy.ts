import { hash } from 'node:crypto';
import type { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import Papa from 'papaparse';
import { type ContactFields, passesChecks } from '../../staging/row-checks.js';
import type { ColumnIndexes } from '../csv/contact-columns.js';
import { CopyLines } from './copy-lines.js';

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
/** A cell longer than this is not contact data (an unbalanced quote swallowed the file). */
export const MAX_CELL_CHARS = 64 * 1024;

export class OversizedCellError extends Error {}

/** A value in COPY's text format, with its special characters escaped. */
const copyValue = (value: string): string =>
  NEEDS_ESCAPE.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : value;

const cell = (cells: string[], index: number): string => {
  const value = (cells[index] ?? '').trim();
  if (value.length > MAX_CELL_CHARS)
    throw new OversizedCellError(`a cell is longer than ${MAX_CELL_CHARS} characters`);
  return value;
};

/**
 * The identity of a row (lower-cased names and company) as a 53-bit integer (cyrb53: two 32-bit
 * multiply-xorshift lanes). It only tells apart the identities of rows sharing an address within one
 * run, never across runs, so it need not be a standard digest; MD5 cost the copy half a microsecond
 * a row more.
 */
const identityHash = (row: ContactFields): number => {
  const identity = `${row.firstName}\x1f${row.lastName}\x1f${row.company}`.toLowerCase();
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < identity.length; i += 1) {
    const code = identity.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 0x100000000 * (h2 & 0x1fffff) + (h1 >>> 0);
};

export interface StagingCopyOptions {
  jobId: number;
  delimiter: string;
  columns: ColumnIndexes;
  onProgress: (rows: number) => void;
}

export interface StagingCopyResult {
  /** Records read, the header not counted. */
  rows: number;
  /** Of those, rows that failed the per-row checks (staged as ISSUE). */
  failedChecks: number;
}

/**
 * Parses the decoded CSV (header first) a chunk of rows at a time and writes `staging_rows` COPY
 * lines: trimmed values, the per-row checks (ISSUE or IMPORTED), the row's hash (the row as read,
 * with its address lower-cased), its identity hash, and its row number as a spreadsheet shows it
 * (the header is row 1). Honours the COPY stream's backpressure.
 */
export function copyStagingRows(
  input: Readable,
  copy: Writable,
  options: StagingCopyOptions,
): Promise<StagingCopyResult> {
  const { email, first_name: firstName, last_name: lastName, company } = options.columns;
  let rows = 0;
  let failedChecks = 0;
  let header = true;
  const lines = new CopyLines(copy);
  return new Promise<StagingCopyResult>((resolve, reject) => {
    const fail = (error: unknown) => {
      input.destroy();
      copy.destroy(error as Error);
      reject(error);
    };
    copy.once('error', fail);
    Papa.parse<string[]>(input, {
      delimiter: options.delimiter,
      skipEmptyLines: true,
      chunk: (results, parser) => {
        try {
          for (const cells of results.data) {
            if (header) {
              header = false;
              continue;
            }
            const row: ContactFields = {
              email: cell(cells, email),
              firstName: cell(cells, firstName),
              lastName: cell(cells, lastName),
              company: cell(cells, company),
            };
            rows += 1;
            const rowHash = hash(
              'md5',
              `${row.email.toLowerCase()}\x1f${row.firstName}\x1f${row.lastName}\x1f${row.company}`,
              'hex',
            );
            const passes = passesChecks(row);
            if (!passes) failedChecks += 1;
            lines.add(
              `${options.jobId}\t${rows + 1}\t${copyValue(row.email)}\t${copyValue(row.firstName)}\t` +
                `${copyValue(row.lastName)}\t${copyValue(row.company)}\t${passes ? 'IMPORTED' : 'ISSUE'}\t` +
                `${rowHash}\t${identityHash(row)}\n`,
            );
          }
          options.onProgress(rows);
          if (!lines.flush()) {
            // Papaparse queues whatever its source emits while paused: pause the source too.
            parser.pause();
            input.pause();
            copy.once('drain', () => {
              input.resume();
              parser.resume();
            });
          }
        } catch (error) {
          parser.abort();
          fail(error);
        }
      },
      complete: () => {
        copy.end();
        finished(copy).then(() => resolve({ rows, failedChecks }), reject);
      },
      error: fail,
    });
    input.once('error', fail);
  });
}
