import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { apiControllers, workerProviders } from '../config/app-role.js';
import { LlmClient } from '../integrations/llm/llm.client.js';
import { LlmModule } from '../integrations/llm/llm.module.js';
import { QueueName } from '../queue/queue-name.enum.js';
import { registerQueue } from '../queue/register-queue.js';
import { LlmSectionGenerator } from './generation/llm-section.generator.js';
import { SectionGenerator } from './generation/section-generator.js';
import { TemplateSectionGenerator } from './generation/template-section.generator.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';
import { SectionGenerationProcessor } from './section-generation.processor.js';
import { SectionJob } from './section-job.entity.js';
import { SectionJobsService } from './section-jobs.service.js';
import { SectionTitles } from './section-titles.js';

/** Seed 003: `/generate`, `/refine`, a session's jobs, and the worker that writes sections. */
@Module({
  imports: [
    TypeOrmModule.forFeature([SectionJob]),
    registerQueue(QueueName.ReportSections),
    LlmModule,
  ],
  controllers: apiControllers(ReportsController),
  providers: [
    SectionJobsService,
    SectionTitles,
    ReportsService,
    {
      provide: SectionGenerator,
      inject: [LlmClient],
      useFactory: (llm: LlmClient | null): SectionGenerator =>
        llm ? new LlmSectionGenerator(llm) : new TemplateSectionGenerator(),
    },
    ...workerProviders(SectionGenerationProcessor),
  ],
  exports: [ReportsService],
})
export class ReportsModule {}
