import { FileUploadInterceptor } from '../common/files/file-upload.interceptor.js';

/** Seed 000's one-shot upload: one .xlsx or .csv, up to LEAD_MAX_FILE_BYTES; JSON passes through. */
export const LeadFileUploadInterceptor = FileUploadInterceptor({
  maxBytes: 'LEAD_MAX_FILE_BYTES',
  describe: 'A lead file',
  required: false,
});
