import type ExcelJS from 'exceljs';

/**
 * exceljs, loaded on first use: it costs each isolate (the process and its queue worker thread)
 * about 25 MB, and a process that never reads or writes a workbook need not carry it.
 */
export const loadExcel = (): Promise<typeof ExcelJS> =>
  import('exceljs').then((module) => module.default);
