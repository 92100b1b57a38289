import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { invalidWorkbook } from './xlsx-errors.js';

/** The ZIP compression methods an XLSX uses. */
export const STORED = 0;
export const DEFLATED = 8;

/** Opens an archive for reading its directory; a file that is no ZIP is an invalid workbook. */
export async function openZip(path: string): Promise<ZipFile> {
  try {
    return await yauzl.openPromise(path, { lazyEntries: true, autoClose: false });
  } catch {
    throw invalidWorkbook('it is not a ZIP archive, or it is truncated');
  }
}

/** The archive's entries in directory order; a broken directory is an invalid workbook. */
export async function* zipEntries(zip: ZipFile): AsyncGenerator<Entry> {
  for (;;) {
    const next = new Promise<Entry | null>((resolve, reject) => {
      const onEntry = (entry: Entry) => settle(() => resolve(entry));
      const onEnd = () => settle(() => resolve(null));
      const onError = (error: Error) => settle(() => reject(error));
      const settle = (action: () => void) => {
        zip.off('entry', onEntry).off('end', onEnd).off('error', onError);
        action();
      };
      zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
    });
    zip.readEntry();
    let entry: Entry | null;
    try {
      entry = await next;
    } catch (error) {
      throw invalidWorkbook((error as Error).message);
    }
    if (!entry) return;
    yield entry;
  }
}
