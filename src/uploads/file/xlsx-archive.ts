import type { Readable } from 'node:stream';
import type { Entry } from 'yauzl';
import { describeSize } from '../../common/files/file-size.js';
import { openZip, zipEntries } from './zip-entries.js';
import { invalidWorkbook } from './xlsx-errors.js';

/** An entry inflating more than this many times its stored size is a zip bomb, not a workbook. */
const MAX_COMPRESSION_RATIO = 200;
/** Small parts compress well by nature; the ratio is checked above this size only. */
const RATIO_CHECKED_FROM_BYTES = 1024 * 1024;

/**
 * Checks an XLSX archive before anything parses it: a readable ZIP (not truncated, not a renamed
 * CSV), with a workbook part, whose parts inflate to no more than `maxUncompressedBytes` in all and
 * at no suspicious ratio. Every part is inflated once, with yauzl checking that the sizes its
 * directory declares are the sizes it inflates to, so a lying directory cannot slip a bomb past.
 */
export async function checkXlsxArchive(path: string, maxUncompressedBytes: number): Promise<void> {
  const zip = await openZip(path);
  try {
    let inflated = 0;
    let hasWorkbook = false;
    let hasSheet = false;
    for await (const entry of zipEntries(zip)) {
      const declared = entry.uncompressedSize;
      inflated += declared;
      if (inflated > maxUncompressedBytes) {
        throw invalidWorkbook(
          `its parts inflate to more than ${describeSize(maxUncompressedBytes)}`,
        );
      }
      if (
        declared > RATIO_CHECKED_FROM_BYTES &&
        declared / Math.max(1, entry.compressedSize) > MAX_COMPRESSION_RATIO
      ) {
        throw invalidWorkbook(
          `part ${entry.fileName} is compressed ${MAX_COMPRESSION_RATIO}:1 or more`,
        );
      }
      hasWorkbook ||= entry.fileName === 'xl/workbook.xml';
      hasSheet ||= /^xl\/worksheets\/[^/]+\.xml$/.test(entry.fileName);
      await drain(await zip.openReadStreamPromise(entry), entry);
    }
    if (!hasWorkbook || !hasSheet) throw invalidWorkbook('it has no workbook or no worksheet');
  } finally {
    zip.close();
  }
}

async function drain(stream: Readable, entry: Entry): Promise<void> {
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) void chunk;
  } catch (error) {
    throw invalidWorkbook(`part ${entry.fileName} is corrupt (${(error as Error).message})`);
  }
}
