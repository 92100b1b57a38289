import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import Papa from 'papaparse';
import { badRequest } from '../../common/errors/app.exception.js';
import { type ColumnIndexes, matchHeaders } from './contact-columns.js';
import { RecordCounter } from './record-counter.js';
import { looksBinary } from '../../common/files/binary-check.js';
import {
  decodeText,
  EncodingDetector,
  type TextEncoding,
} from '../../common/files/text-encoding.js';

export const DELIMITERS = [',', ';', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** A header row longer than this is not a header row: the file has no line structure. */
const MAX_HEADER_BYTES = 64 * 1024;

export interface CsvInspection {
  sha256: Buffer;
  size: number;
  encoding: TextEncoding;
  delimiter: Delimiter;
  headers: string[];
  columns: ColumnIndexes;
  dataRows: number;
}

/**
 * Everything seed 002 checks before a file is accepted, in one streaming pass plus a look at the
 * header row: not empty, text rather than binary, a known encoding, a header row with the
 * required columns under a detected delimiter, and at least one data row. Throws a 400 that says
 * exactly what is wrong.
 */
export async function inspectContactsCsv(path: string): Promise<CsvInspection> {
  const hash = createHash('sha256');
  const encoding = new EncodingDetector();
  const counter = new RecordCounter();
  let head = Buffer.alloc(0);
  let size = 0;
  for await (const chunk of createReadStream(path, {
    highWaterMark: 256 * 1024,
  }) as AsyncIterable<Buffer>) {
    if (chunk.includes(0))
      throw badRequest('The file is binary, not a CSV text file (it contains NUL bytes)');
    if (head.length < MAX_HEADER_BYTES) {
      head = Buffer.concat([head, chunk.subarray(0, MAX_HEADER_BYTES - head.length)]);
    }
    hash.update(chunk);
    encoding.push(chunk);
    counter.push(chunk);
    size += chunk.length;
  }
  counter.finish();
  if (size === 0) throw badRequest('The file is empty');
  if (looksBinary(head)) {
    throw badRequest('The file is binary, not a CSV text file');
  }
  if (counter.firstRecordLength === undefined || counter.firstRecordLength > MAX_HEADER_BYTES) {
    throw badRequest(
      `The file has no header row: no line break in its first ${MAX_HEADER_BYTES / 1024} KB`,
    );
  }
  const detected = encoding.result();
  if ('invalidUtf8' in detected)
    throw badRequest(`The file is not valid UTF-8: ${detected.invalidUtf8}`);
  const header = chooseDelimiter(
    decodeText(head.subarray(0, counter.firstRecordLength), detected.encoding),
  );
  if (counter.records < 2) throw badRequest('The file has a header row but no data rows');
  return {
    sha256: hash.digest(),
    size,
    encoding: detected.encoding,
    ...header,
    dataRows: counter.records - 1,
  };
}

/** The delimiter under which the header row has every required column; else say what is missing. */
function chooseDelimiter(line: string): Pick<CsvInspection, 'delimiter' | 'headers' | 'columns'> {
  const candidates = DELIMITERS.map((delimiter) => {
    const headers = parseHeader(line, delimiter);
    return { delimiter, headers, ...matchHeaders(headers) };
  });
  const complete = candidates.find((candidate) => candidate.missing.length === 0);
  if (complete) {
    return {
      delimiter: complete.delimiter,
      headers: complete.headers,
      columns: complete.indexes as ColumnIndexes,
    };
  }
  const closest = [...candidates].sort(
    (a, b) => a.missing.length - b.missing.length || b.headers.length - a.headers.length,
  )[0];
  throw badRequest(
    `CSV is missing required headers: ${closest.missing.join(', ')}. ` +
      `Headers found: ${closest.headers.map((header) => header.trim()).join(', ') || '(none)'}`,
  );
}

function parseHeader(line: string, delimiter: Delimiter): string[] {
  return Papa.parse<string[]>(line.replace(/\r?\n$/, ''), { delimiter }).data[0] ?? [];
}
