import { Module } from '@nestjs/common';
import { apiControllers } from '../config/app-role.js';
import { ContactsModule } from '../contacts/contacts.module.js';
import { IssuesModule } from '../issues/issues.module.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { StagingModule } from '../staging/staging.module.js';
import { IssuesController } from './issues.controller.js';
import { ReviewService } from './review.service.js';
import { StagingController } from './staging.controller.js';

/** `/issues` and `/staging` of seed 002: reading issues, and the review that ends a job. */
@Module({
  imports: [ContactsModule, IssuesModule, StagingModule, JobsModule],
  controllers: apiControllers(IssuesController, StagingController),
  providers: [ReviewService],
})
export class ReviewModule {}
