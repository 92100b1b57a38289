import { computeProgress } from '../queue/progress.js';
import type { UploadStatusResponse } from './dto/upload-status.response.js';
import type { LeadUpload } from './lead-upload.entity.js';
import { CANCELLABLE_STATUSES, UploadStage, UploadStatus } from './upload-state.js';

/** Seed 000 asks clients to poll every 2-3 seconds while work runs. */
const POLL_AGAIN_SECONDS = 2;

export interface UploadStatusView {
  body: UploadStatusResponse;
  /** Seconds to wait before polling again, while the upload is unfinished. */
  retryAfterSeconds?: number;
}

/** `GET /status/{uploadId}`, exactly as seed 000 shows it. */
export function uploadStatusView(upload: LeadUpload, now = new Date()): UploadStatusView {
  const progress = computeProgress({
    // Batches are enriched while the file is still read; their total is known once it has been.
    total: upload.stage === UploadStage.FileProcessing ? 0 : upload.totalBatches,
    done: upload.completedBatches,
    failed: upload.failedBatches,
    startedAt: upload.startedAt,
    now: upload.finishedAt ?? now,
  });
  const finished = !CANCELLABLE_STATUSES.includes(upload.status);
  const body: UploadStatusResponse = {
    uploadId: upload.id,
    status: upload.status,
    stage: upload.stage,
    progress: {
      totalBatches: upload.totalBatches,
      completedBatches: upload.completedBatches + upload.failedBatches,
      totalLeads: upload.totalLeads,
      processedLeads: upload.processedLeads,
      percentage: progress.percentage,
    },
    metadata: {
      fileName: upload.fileName,
      fileSize: upload.fileSize,
      startTime: upload.startedAt?.toISOString() ?? null,
      estimatedCompletion: finished
        ? (upload.finishedAt?.toISOString() ?? null)
        : (progress.estimatedCompletion?.toISOString() ?? null),
    },
    ...(upload.status === UploadStatus.Error
      ? {
          error: {
            message: upload.errorMessage ?? 'Processing failed',
            code: upload.errorCode ?? 'INTERNAL_ERROR',
            timestamp: (upload.errorAt ?? upload.updatedAt).toISOString(),
          },
        }
      : {}),
    createdAt: upload.createdAt.toISOString(),
    updatedAt: upload.updatedAt.toISOString(),
    ttl: Math.floor(upload.expiresAt.getTime() / 1000),
  };
  return { body, retryAfterSeconds: finished ? undefined : POLL_AGAIN_SECONDS };
}
