import { FileUploadInterceptor } from '../common/files/file-upload.interceptor.js';

/** Seed 002's upload: one contacts CSV, up to INGEST_MAX_FILE_BYTES. */
export const CsvUploadInterceptor = FileUploadInterceptor({
  maxBytes: 'INGEST_MAX_FILE_BYTES',
  describe: 'A CSV file',
  required: true,
});
