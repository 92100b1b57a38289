import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import type { Entry, ZipFile } from 'yauzl';
import { invalidWorkbook } from './xlsx-errors.js';
import { openZip, STORED, zipEntries } from './zip-entries.js';

const SHARED_STRINGS = 'xl/sharedStrings.xml';
/** The parts exceljs's streaming reader takes before a worksheet, in the order it wants them. */
const LEADING_PARTS = ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', SHARED_STRINGS];
/** The worksheets exceljs recognises. */
const WORKSHEET = /^xl\/worksheets\/sheet\d+\.xml$/;

const LOCAL_FILE_HEADER = 0x04034b50;
const LOCAL_FILE_HEADER_BYTES = 30;
/** Sizes and CRC after the data instead of in the header; here they are known up front. */
const DATA_DESCRIPTOR_FLAG = 0x0008;
const ZIP32_LIMIT = 0xffffffff;

/** A part to write: the archive's own entry, or a part made up here. */
interface Part {
  name: string;
  versionNeeded: number;
  flags: number;
  method: number;
  time: number;
  date: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  data: (zip: ZipFile) => Promise<Iterable<Buffer> | AsyncIterable<Buffer>>;
}

const NO_SHARED_STRINGS = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>',
);

/** An empty shared-strings table, for workbooks that have none (their cells carry their text). */
const emptySharedStrings: Part = {
  name: SHARED_STRINGS,
  versionNeeded: 10,
  flags: 0,
  method: STORED,
  time: 0,
  date: 0x21, // 1980-01-01, the earliest date a ZIP entry can carry
  crc32: crc32(NO_SHARED_STRINGS),
  compressedSize: NO_SHARED_STRINGS.length,
  uncompressedSize: NO_SHARED_STRINGS.length,
  data: () => Promise.resolve([NO_SHARED_STRINGS]),
};

const archivePart = (entry: Entry): Part => ({
  name: entry.fileName,
  versionNeeded: entry.versionNeededToExtract,
  flags: entry.generalPurposeBitFlag & ~DATA_DESCRIPTOR_FLAG,
  method: entry.compressionMethod,
  time: entry.lastModFileTime,
  date: entry.lastModFileDate,
  crc32: entry.crc32,
  compressedSize: entry.compressedSize,
  uncompressedSize: entry.uncompressedSize,
  // The compressed bytes as they are: the reader inflates them, nothing is inflated twice.
  data: (zip) => zip.openReadStreamPromise(entry, { decodeFileData: false }),
});

/**
 * A workbook's first sheet as a ZIP stream that exceljs's `WorkbookReader` reads straight
 * through: relationships, workbook and shared strings first, then the sheet. Excel writes the
 * shared strings after the sheets, and exceljs's own writer puts the sheets first; in either order
 * the reader copies every sheet, inflated, to a temporary file and reads no row until the whole
 * archive has been through. Here the archive's directory picks the parts and their compressed
 * bytes are copied as they are; the parts the reader does not use are left out.
 */
export async function xlsxInReadingOrder(path: string): Promise<Readable> {
  const zip = await openZip(path);
  try {
    const leading = new Map<string, Entry>();
    let sheet: Entry | undefined;
    for await (const entry of zipEntries(zip)) {
      if (LEADING_PARTS.includes(entry.fileName)) leading.set(entry.fileName, entry);
      else if (!sheet && WORKSHEET.test(entry.fileName)) sheet = entry;
    }
    if (!sheet) throw invalidWorkbook('it has no worksheet');
    const parts = LEADING_PARTS.flatMap((name) => {
      const entry = leading.get(name);
      if (entry) return [archivePart(entry)];
      return name === SHARED_STRINGS ? [emptySharedStrings] : [];
    });
    parts.push(archivePart(sheet));
    return Readable.from(archiveOf(zip, parts), { objectMode: false });
  } catch (error) {
    zip.close();
    throw error;
  }
}

async function* archiveOf(zip: ZipFile, parts: Part[]): AsyncGenerator<Buffer> {
  try {
    for (const part of parts) {
      yield localFileHeader(part);
      yield* await part.data(zip);
    }
  } finally {
    zip.close();
  }
}

function localFileHeader(part: Part): Buffer {
  if (part.compressedSize >= ZIP32_LIMIT || part.uncompressedSize >= ZIP32_LIMIT) {
    throw invalidWorkbook(`part ${part.name} is too large`);
  }
  const name = Buffer.from(part.name);
  const header = Buffer.alloc(LOCAL_FILE_HEADER_BYTES + name.length);
  header.writeUInt32LE(LOCAL_FILE_HEADER, 0);
  header.writeUInt16LE(part.versionNeeded, 4);
  header.writeUInt16LE(part.flags, 6);
  header.writeUInt16LE(part.method, 8);
  header.writeUInt16LE(part.time, 10);
  header.writeUInt16LE(part.date, 12);
  header.writeUInt32LE(part.crc32, 14);
  header.writeUInt32LE(part.compressedSize, 18);
  header.writeUInt32LE(part.uncompressedSize, 22);
  header.writeUInt16LE(name.length, 26);
  header.writeUInt16LE(0, 28);
  name.copy(header, LOCAL_FILE_HEADER_BYTES);
  return header;
}
