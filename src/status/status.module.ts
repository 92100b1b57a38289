import { Module } from '@nestjs/common';
import { apiControllers } from '../config/app-role.js';
import { ReportsModule } from '../reports/reports.module.js';
import { UploadsModule } from '../uploads/uploads.module.js';
import { StatusController } from './status.controller.js';
import { StatusCredentialGuard } from './status-credential.guard.js';

/** `/status/{id}`, shared by seed 000's uploads and seed 003's section jobs. */
@Module({
  imports: [ReportsModule, UploadsModule],
  controllers: apiControllers(StatusController),
  providers: [StatusCredentialGuard],
})
export class StatusModule {}
