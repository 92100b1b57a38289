import { type DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from './auth/auth.module.js';
import { RateLimitModule } from './common/rate-limit/rate-limit.module.js';
import { runsApi } from './config/app-role.js';
import { configModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { ContactsModule } from './contacts/contacts.module.js';
import { HealthModule } from './health/health.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { QueueModule } from './queue/queue.module.js';
import { QueueWorkerThread } from './queue/queue-worker-thread.js';
import { ReportsModule } from './reports/reports.module.js';
import { ReviewModule } from './review/review.module.js';
import { StatusModule } from './status/status.module.js';
import { StorageModule } from './storage/storage.module.js';
import { UploadsModule } from './uploads/uploads.module.js';

/** bull-board is loaded only where the API is served (not in a worker, nor its thread). */
const queueDashboard = async () =>
  (await import('./admin/dashboard/queue-dashboard.module.js')).QueueDashboardModule;

export interface AppModuleOptions {
  /** Start the queue workers on a worker thread (see `placeWorkersOnThread`). */
  queueWorkerThread?: boolean;
}

@Module({})
export class AppModule {
  static async forRoot(options: AppModuleOptions = {}): Promise<DynamicModule> {
    return {
      module: AppModule,
      providers: options.queueWorkerThread ? [QueueWorkerThread] : [],
      imports: [
        await configModule(),
        DatabaseModule,
        QueueModule,
        RateLimitModule,
        AuthModule,
        StorageModule,
        HealthModule,
        ...(runsApi() ? [await queueDashboard()] : []),
        JobsModule,
        ContactsModule,
        ReviewModule,
        ReportsModule,
        UploadsModule,
        StatusModule,
      ],
    };
  }
}
