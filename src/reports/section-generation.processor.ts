import type { Job } from 'bullmq';
import { LlmError } from '../integrations/llm/llm-error.js';
import { isLastAttempt } from '../queue/attempts.js';
import { watchCancellation } from '../queue/cancellation-watch.js';
import { QueueName } from '../queue/queue-name.enum.js';
import { QueueProcessor } from '../queue/queue-processor.decorator.js';
import { QueueWorkerHost } from '../queue/queue-worker.host.js';
import { SectionGenerator, type WrittenSection } from './generation/section-generator.js';
import { type SectionJob, SectionJobKind } from './section-job.entity.js';
import { SectionJobsService } from './section-jobs.service.js';

export interface SectionJobPayload {
  sectionJobId: string;
}

/**
 * Runs one section job. The result is written only while the job is still running, so a job
 * that completed (or was cancelled) is never completed again by a retry or a restart.
 */
@QueueProcessor(QueueName.ReportSections)
export class SectionGenerationProcessor extends QueueWorkerHost {
  constructor(
    private readonly sectionJobs: SectionJobsService,
    private readonly generator: SectionGenerator,
  ) {
    super();
  }

  async process(job: Job<SectionJobPayload>): Promise<void> {
    const id = job.data.sectionJobId;
    const section = await this.sectionJobs.start(id, new Date(job.timestamp));
    if (!section) return;
    const cancellation = watchCancellation(() => this.sectionJobs.isCancelled(id));
    try {
      const written = await this.write(section, cancellation.signal);
      await this.sectionJobs.complete(id, written.markdown, written.usage);
    } catch (error) {
      if (cancellation.signal.aborted) return;
      if (error instanceof LlmError) {
        await this.sectionJobs.fail(id, error.code, error.message);
        return;
      }
      if (!isLastAttempt(job)) throw error;
      this.logger.error({ error, job_id: id }, 'section job failed');
      await this.sectionJobs.fail(id, 'INTERNAL_ERROR', 'The section could not be written');
    } finally {
      cancellation.stop();
    }
  }

  private write(section: SectionJob, signal: AbortSignal): Promise<WrittenSection> {
    const brief = {
      reportType: section.reportType,
      customerId: section.customerId,
      opportunityId: section.opportunityId,
      sectionTitle: section.sectionTitle,
    };
    return section.kind === SectionJobKind.Refine
      ? this.generator.refine(brief, section.originalText!, section.prompt!, signal)
      : this.generator.generate(brief, signal);
  }
}
