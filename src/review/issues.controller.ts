import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EntityManager } from 'typeorm';
import { Auth, CurrentUser } from '../auth/auth.decorators.js';
import { Role, type AuthUser } from '../auth/auth-user.js';
import { notFound } from '../common/errors/app.exception.js';
import { ApiContractErrors } from '../common/errors/api-contract-errors.decorator.js';
import { ErrorFamily } from '../common/errors/error-family.js';
import { UseErrorFamily } from '../common/errors/use-error-family.decorator.js';
import { PaginationQuery } from '../common/http/pagination.query.js';
import { ParseIdPipe } from '../common/validation/parse-id.pipe.js';
import { IssuesService } from '../issues/issues.service.js';
import { ImportJobsService } from '../jobs/import-jobs.service.js';
import { StagingService } from '../staging/staging.service.js';
import { IssueListResponse, IssueResponse, UpdateIssueBody } from './dto/issue.dto.js';
import { ReviewService } from './review.service.js';

@ApiTags('contacts ingestion: issues')
@UseErrorFamily(ErrorFamily.ContactsIngestion)
@Controller('issues')
export class IssuesController {
  constructor(
    @InjectEntityManager() private readonly manager: EntityManager,
    private readonly issues: IssuesService,
    private readonly staging: StagingService,
    private readonly importJobs: ImportJobsService,
    private readonly review: ReviewService,
  ) {}

  @Get()
  @Auth()
  @ApiOperation({
    summary: "Issues of all the caller's jobs, newest first, with their rows and counts",
  })
  @ApiOkResponse({ type: IssueListResponse })
  @ApiContractErrors(ErrorFamily.ContactsIngestion, 401, 422)
  all(@CurrentUser() user: AuthUser, @Query() page: PaginationQuery): Promise<IssueListResponse> {
    return this.page({ userId: user.id }, page);
  }

  @Get('job/:job_id')
  @Auth()
  @ApiOperation({ summary: 'Issues of one job, newest first, with their rows and counts' })
  @ApiOkResponse({ type: IssueListResponse })
  @ApiContractErrors(ErrorFamily.ContactsIngestion, 401, 404, 422)
  async ofJob(
    @CurrentUser() user: AuthUser,
    @Param('job_id', ParseIdPipe) jobId: number,
    @Query() page: PaginationQuery,
  ): Promise<IssueListResponse> {
    if (!(await this.importJobs.findOwned(jobId, user.id)))
      throw notFound(`Job ${jobId} not found`);
    return this.page({ userId: user.id, jobId }, page);
  }

  @Get(':issue_id')
  @Auth()
  @ApiOperation({ summary: 'One issue with all the rows it holds' })
  @ApiOkResponse({ type: IssueResponse })
  @ApiContractErrors(ErrorFamily.ContactsIngestion, 401, 404, 422)
  async one(
    @CurrentUser() user: AuthUser,
    @Param('issue_id', ParseIdPipe) id: number,
  ): Promise<IssueResponse> {
    const issue = await this.issues.findOwned(this.manager, id, user.id);
    if (!issue) throw notFound(`Issue ${id} not found`);
    const rows = await this.staging.rowsOfIssues(this.manager, [issue.id]);
    return IssueResponse.from(issue, rows.get(issue.id) ?? []);
  }

  @Put(':issue_id')
  @Auth(Role.Editor)
  @ApiOperation({
    summary:
      'Update an issue (partial); resolving it may import approved rows and complete the job',
  })
  @ApiOkResponse({ type: IssueResponse })
  @ApiContractErrors(ErrorFamily.ContactsIngestion, 401, 403, 404, 409, 422)
  async update(
    @CurrentUser() user: AuthUser,
    @Param('issue_id', ParseIdPipe) id: number,
    @Body() body: UpdateIssueBody,
  ): Promise<IssueResponse> {
    const { issue, rows } = await this.review.updateIssue(user.id, id, {
      resolved: body.issue_resolved,
      description: body.issue_description,
      resolvedBy: body.issue_resolved_by,
      resolutionComment: body.issue_resolution_comment,
    });
    return IssueResponse.from(issue, rows);
  }

  private async page(
    scope: { userId: string; jobId?: number },
    page: PaginationQuery,
  ): Promise<IssueListResponse> {
    const { issues, counts } = await this.issues.listOwned(
      this.manager,
      scope,
      page.limit,
      page.offset,
    );
    const rows = await this.staging.rowsOfIssues(
      this.manager,
      issues.map((issue) => issue.id),
    );
    return {
      issues: issues.map((issue) => IssueResponse.from(issue, rows.get(issue.id) ?? [])),
      total: counts.total,
      resolved_count: counts.resolved,
      unresolved_count: counts.unresolved,
    };
  }
}
