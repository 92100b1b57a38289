import { InjectQueue } from '@nestjs/bullmq';
import { ConfigService } from '@nestjs/config';
import type { Job, Queue } from 'bullmq';
import type { Env } from '../../config/env.js';
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
 * One upload's `file_processing` stage, which queues the batches as it stores them. Run again (a
 * crash, the reconciler) it picks up where the upload stands: a split is redone from the top, a
 * finished split queues its pending batches; batches already queued or finished are not queued
 * twice.
 */
@QueueProcessor(QueueName.LeadFiles)
export class LeadFileProcessor extends QueueWorkerHost {
  constructor(
    private readonly uploads: LeadUploadsService,
    private readonly batches: LeadBatchesService,
    private readonly splitter: LeadFileSplitter,
    @InjectQueue(QueueName.LeadBatches) private readonly batchQueue: Queue<LeadBatchJob>,
    private readonly config: ConfigService<Env, true>,
  ) {
    super();
  }

  async process(job: Job<LeadFileJob>): Promise<void> {
    const { uploadId } = job.data;
    const batchSize = this.config.get('LEAD_BATCH_SIZE', { infer: true });
    const upload = await this.uploads.startProcessing(uploadId, batchSize);
    if (!upload) return;
    const queue = (batchNos: number[]) => this.queueBatches(uploadId, batchNos);
    if (upload.stage !== UploadStage.FileProcessing) {
      await queue(await this.batches.pendingNumbers(uploadId));
      return;
    }
    try {
      await this.splitter.split(upload, queue);
    } catch (error) {
      if (!(error instanceof FileProcessingError)) throw error;
      await this.uploads.fail(uploadId, error.code, error.message);
    }
  }

  private async queueBatches(uploadId: string, batchNos: number[]): Promise<void> {
    for (let start = 0; start < batchNos.length; start += JOBS_PER_ADD) {
      await this.batchQueue.addBulk(
        batchNos.slice(start, start + JOBS_PER_ADD).map((batchNo) => ({
          name: 'batch',
          data: { uploadId, batchNo },
          opts: { jobId: batchJobId(uploadId, batchNo) },
        })),
      );
    }
  }
}
