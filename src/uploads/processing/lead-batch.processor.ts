import type { OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Job } from 'bullmq';
import type { Env } from '../../config/env.js';
import { LlmError } from '../../integrations/llm/llm-error.js';
import { isLastAttempt } from '../../queue/attempts.js';
import { watchCancellation } from '../../queue/cancellation-watch.js';
import { QueueName } from '../../queue/queue-name.enum.js';
import { QueueProcessor } from '../../queue/queue-processor.decorator.js';
import { QueueWorkerHost } from '../../queue/queue-worker.host.js';
import { LeadEnricher } from '../enrichment/lead-enricher.js';
import { leadFields } from '../lead.js';
import { BatchState } from '../lead-batch.entity.js';
import { LeadBatchesService } from '../lead-batches.service.js';
import { LeadUploadsService } from '../lead-uploads.service.js';
import type { LeadBatchJob } from './lead-jobs.js';

/**
 * Enriches one batch and records it with its upload's counters in one statement. A cancel aborts
 * the enrichment (between leads, or the provider call) and nothing of the batch is written.
 */
@QueueProcessor(QueueName.LeadBatches)
export class LeadBatchProcessor extends QueueWorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly uploads: LeadUploadsService,
    private readonly batches: LeadBatchesService,
    private readonly enricher: LeadEnricher,
    private readonly config: ConfigService<Env, true>,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.get('LEAD_CONCURRENCY', { infer: true });
  }

  async process(job: Job<LeadBatchJob>): Promise<void> {
    const { uploadId, batchNo } = job.data;
    const work = await this.batches.loadPending(uploadId, batchNo);
    if (!work) return;
    const leads = work.leads.map((lead) => ({
      row: lead.row,
      fields: leadFields(work.layout, lead),
    }));
    const cancellation = watchCancellation(() => this.uploads.isCancelled(uploadId));
    try {
      const enrichment = await this.enricher.enrich(leads, cancellation.signal);
      await this.batches.finish(uploadId, batchNo, { state: BatchState.Completed, enrichment });
    } catch (error) {
      if (cancellation.signal.aborted) return;
      if (error instanceof LlmError) {
        await this.batches.finish(uploadId, batchNo, {
          state: BatchState.Failed,
          errorCode: error.code,
          errorMessage: error.message,
        });
        return;
      }
      if (!isLastAttempt(job)) throw error;
      this.logger.error({ error, upload_id: uploadId, batch_no: batchNo }, 'lead batch failed');
      await this.batches.finish(uploadId, batchNo, {
        state: BatchState.Failed,
        errorCode: 'INTERNAL_ERROR',
        errorMessage: 'The batch could not be processed',
      });
    } finally {
      cancellation.stop();
    }
  }
}
