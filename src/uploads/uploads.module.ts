import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { CountryCode } from 'libphonenumber-js';
import { apiControllers, workerProviders } from '../config/app-role.js';
import type { Env } from '../config/env.js';
import { LlmClient } from '../integrations/llm/llm.client.js';
import { LlmModule } from '../integrations/llm/llm.module.js';
import { QueueName } from '../queue/queue-name.enum.js';
import { registerQueue } from '../queue/register-queue.js';
import { BuiltinLeadEnricher } from './enrichment/builtin-lead.enricher.js';
import { LeadEnricher } from './enrichment/lead-enricher.js';
import { LlmLeadEnricher } from './enrichment/llm-lead.enricher.js';
import { LeadBatch } from './lead-batch.entity.js';
import { LeadBatchesService } from './lead-batches.service.js';
import { LeadFileUploadInterceptor } from './lead-file-upload.interceptor.js';
import { LeadUpload } from './lead-upload.entity.js';
import { LeadUploadsService } from './lead-uploads.service.js';
import { LeadBatchProcessor } from './processing/lead-batch.processor.js';
import { LeadFileProcessor } from './processing/lead-file.processor.js';
import { LeadFileSplitter } from './processing/lead-file.splitter.js';
import { UploadsController } from './uploads.controller.js';
import { UploadsService } from './uploads.service.js';

/** Seed 000's lead uploads: `/uploads`, the file and batch queues and their workers. */
@Module({
  imports: [
    TypeOrmModule.forFeature([LeadUpload, LeadBatch]),
    registerQueue(QueueName.LeadFiles),
    registerQueue(QueueName.LeadBatches),
    LlmModule,
  ],
  controllers: apiControllers(UploadsController),
  providers: [
    LeadUploadsService,
    LeadBatchesService,
    UploadsService,
    LeadFileUploadInterceptor,
    {
      provide: LeadEnricher,
      inject: [LlmClient, ConfigService],
      useFactory: (llm: LlmClient | null, config: ConfigService<Env, true>): LeadEnricher =>
        llm
          ? new LlmLeadEnricher(llm)
          : new BuiltinLeadEnricher(
              config.get('LEAD_PHONE_REGION', { infer: true }) as CountryCode,
            ),
    },
    ...workerProviders(LeadFileSplitter, LeadFileProcessor, LeadBatchProcessor),
  ],
  exports: [UploadsService],
})
export class UploadsModule {}
