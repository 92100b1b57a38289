import { badRequest } from '../../common/errors/app.exception.js';

export const invalidWorkbook = (reason: string) =>
  badRequest(`The file is not a valid XLSX workbook: ${reason}`, 'INVALID_FILE');
