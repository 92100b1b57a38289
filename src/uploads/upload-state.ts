/** Seed 000: an upload and everything about it disappear 24 hours after it was created. */
export const UPLOAD_TTL_HOURS = 24;

/** Seed 000's status values. */
export enum UploadStatus {
  Uploading = 'uploading',
  Uploaded = 'uploaded',
  Processing = 'processing',
  Completed = 'completed',
  Error = 'error',
  Cancelled = 'cancelled',
}

/** Seed 000's stage values. */
export enum UploadStage {
  FileUpload = 'file_upload',
  FileProcessing = 'file_processing',
  BatchProcessing = 'batch_processing',
  Completed = 'completed',
}

/** An upload in one of these can still be cancelled; the others are final. */
export const CANCELLABLE_STATUSES = [
  UploadStatus.Uploading,
  UploadStatus.Uploaded,
  UploadStatus.Processing,
];

/** The uploads a worker still owes work: the reconciler queues them again if Redis lost them. */
export const UNFINISHED_STATUSES = [UploadStatus.Uploaded, UploadStatus.Processing];

export enum UploadFormat {
  Xlsx = 'xlsx',
  Csv = 'csv',
}
