import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { apiControllers, workerProviders } from '../config/app-role.js';
import { ContactsModule } from '../contacts/contacts.module.js';
import { registerQueue } from '../queue/register-queue.js';
import { QueueName } from '../queue/queue-name.enum.js';
import { CsvUploadInterceptor } from './csv-upload.interceptor.js';
import { ImportJob } from './import-job.entity.js';
import { ImportJobsService } from './import-jobs.service.js';
import { ContactsImportProcessor } from './import/contacts-import.processor.js';
import { ContactsImportService } from './import/contacts-import.service.js';
import { JobsController } from './jobs.controller.js';
import { JobsService } from './jobs.service.js';

/** Seed 002's `/jobs`: uploads, the import queue and its worker. */
@Module({
  imports: [
    TypeOrmModule.forFeature([ImportJob]),
    registerQueue(QueueName.ContactsImport),
    ContactsModule,
  ],
  controllers: apiControllers(JobsController),
  providers: [
    ImportJobsService,
    JobsService,
    CsvUploadInterceptor,
    ContactsImportService,
    ...workerProviders(ContactsImportProcessor),
  ],
  exports: [ImportJobsService],
})
export class JobsModule {}
