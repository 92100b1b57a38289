/** What the queues carry: ids only (Postgres has the rest). */
export interface LeadFileJob {
  uploadId: string;
}

export interface LeadBatchJob {
  uploadId: string;
  batchNo: number;
}

/** Deterministic, so queueing a batch twice (a re-run, the reconciler) adds it once. */
export const batchJobId = (uploadId: string, batchNo: number): string => `${uploadId}-${batchNo}`;
