import type ExcelJS from 'exceljs';

/*
 * exceljs's streaming reader and writer, each loaded on first use and by its own module: the
 * package's index also loads the in-memory `Workbook` (with its CSV support), which the streams do
 * not use. The reader alone costs an isolate about 19 MB of RSS, against 28 MB for the package, so
 * an isolate that only reads lead files (the queue worker thread) carries 9 MB less; a process
 * that never reads or writes a workbook carries neither.
 */

export const loadWorkbookReader = (): Promise<typeof ExcelJS.stream.xlsx.WorkbookReader> =>
  import('exceljs/lib/stream/xlsx/workbook-reader.js').then((module) => module.default);

export const loadWorkbookWriter = (): Promise<typeof ExcelJS.stream.xlsx.WorkbookWriter> =>
  import('exceljs/lib/stream/xlsx/workbook-writer.js').then((module) => module.default);
