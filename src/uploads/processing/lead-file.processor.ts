import { InjectQueue } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { QueueName } from '../../queue/queue-name.enum.js';
import { QueueProcessor } from '../../queue/queue-processor.decorator.js';
import { QueueWorkerHost } from '../../queue/queue-worker.host.js';
import { LeadBatchesService } from '../lead-batches.service.js';
import { LeadUploadsService } from '../lead-uploads.service.js';
import { UploadStage } from '../upload-state.js';
import { FileProcessingError, LeadFileSplitter } from './lead-file.splitter.js';
import { batchJobId, type LeadBatchJob, type LeadFileJob } from './lead-jobs.js';

/** Jobs added to Redis per call when the batches are queued. */
const JOBS_PER_ADD = 1_000;

/**
 * One upload's `file_processing` stage, then the queueing of its pending batches. Run again (a
 * crash, the reconciler) it picks up where the upload stands: a split is redone from the top, and
 * batches already queued or finished are not queued twice.
 */
@QueueProcessor(QueueName.LeadFiles)
export class LeadFileProcessor extends QueueWorkerHost {
  constructor(
    private readonly uploads: LeadUploadsService,
    private readonly batches: LeadBatchesService,
    private readonly splitter: LeadFileSplitter,
    @InjectQueue(QueueName.LeadBatches) private readonly batchQueue: Queue<LeadBatchJob>,
  ) {
    super();
  }

  async process(job: Job<LeadFileJob>): Promise<void> {
    const { uploadId } = job.data;
    const upload = await this.uploads.startProcessing(uploadId);
    if (!upload) return;
    if (upload.stage === UploadStage.FileProcessing) {
      try {
        if (!(await this.splitter.split(upload))) return;
      } catch (error) {
        if (!(error instanceof FileProcessingError)) throw error;
        await this.uploads.fail(uploadId, error.code, error.message);
        return;
      }
    }
    await this.queuePendingBatches(uploadId);
  }

  private async queuePendingBatches(uploadId: string): Promise<void> {
    const pending = await this.batches.pendingNumbers(uploadId);
    for (let start = 0; start < pending.length; start += JOBS_PER_ADD) {
      await this.batchQueue.addBulk(
        pending.slice(start, start + JOBS_PER_ADD).map((batchNo) => ({
          name: 'batch',
          data: { uploadId, batchNo },
          opts: { jobId: batchJobId(uploadId, batchNo) },
        })),
      );
    }
  }
}
