import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { ApiKey } from '../auth/api-keys/api-key.entity.js';
import { ApiKeyAuth } from '../auth/api-keys/api-key.guard.js';
import { CurrentApiKey } from '../auth/api-keys/current-api-key.decorator.js';
import { ApiContractErrors } from '../common/errors/api-contract-errors.decorator.js';
import { ErrorFamily } from '../common/errors/error-family.js';
import { UseErrorFamily } from '../common/errors/use-error-family.decorator.js';
import { PaginationQuery } from '../common/http/pagination.query.js';
import { JobAcceptedEnvelope, SessionJobsEnvelope } from './dto/section-envelope.response.js';
import { GenerateSectionRequest, RefineSectionRequest } from './dto/section-request.dto.js';
import { ReportsService } from './reports.service.js';
import { IdempotencyKey, SessionId } from './request-headers.decorator.js';
import { SectionJobKind } from './section-job.entity.js';
import { acceptedEnvelope, statusWord } from './section-status.view.js';

const SESSION_HEADER = {
  name: 'Session-Id',
  required: true,
  description: "Groups a report's section jobs; at most 128 characters",
};
const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description:
    'At most 255 characters. The same key and body within 24 h returns the original job_id; ' +
    'the same key with a different body answers 422.',
};

@ApiTags('report sections')
@UseErrorFamily(ErrorFamily.ReportSections)
@ApiKeyAuth()
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post('generate')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Start generating a report section; poll GET /status/{job_id}',
    description: 'The job and its result are kept 24 hours.',
  })
  @ApiHeader(SESSION_HEADER)
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiAcceptedResponse({ type: JobAcceptedEnvelope })
  @ApiContractErrors(ErrorFamily.ReportSections, 400, 401, 413, 422, 429)
  async generate(
    @SessionId() sessionId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @CurrentApiKey() apiKey: ApiKey,
    @Body() body: GenerateSectionRequest,
  ): Promise<JobAcceptedEnvelope> {
    const jobId = await this.reports.submit(
      { kind: SectionJobKind.Generate, body },
      { apiKeyId: apiKey.id, sessionId, idempotencyKey },
    );
    return acceptedEnvelope(jobId);
  }

  @Post('refine')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Start refining a report section with a prompt; poll GET /status/{job_id}',
    description: 'The result carries `refined_section_b64`. Kept 24 hours.',
  })
  @ApiHeader(SESSION_HEADER)
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiAcceptedResponse({ type: JobAcceptedEnvelope })
  @ApiContractErrors(ErrorFamily.ReportSections, 400, 401, 413, 422, 429)
  async refine(
    @SessionId() sessionId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @CurrentApiKey() apiKey: ApiKey,
    @Body() body: RefineSectionRequest,
  ): Promise<JobAcceptedEnvelope> {
    const jobId = await this.reports.submit(
      { kind: SectionJobKind.Refine, body },
      { apiKeyId: apiKey.id, sessionId, idempotencyKey },
    );
    return acceptedEnvelope(jobId);
  }

  @Get('sessions/:session_id/jobs')
  @ApiOperation({ summary: "A session's section jobs for this API key, newest first" })
  @ApiOkResponse({ type: SessionJobsEnvelope })
  @ApiContractErrors(ErrorFamily.ReportSections, 401, 422, 429)
  async session(
    @CurrentApiKey() apiKey: ApiKey,
    @Param('session_id') sessionId: string,
    @Query() page: PaginationQuery,
  ): Promise<SessionJobsEnvelope> {
    const [jobs, total] = await this.reports.session(apiKey.id, sessionId, page.limit, page.offset);
    return {
      status: 'ok',
      message: 'Session jobs',
      data: {
        session_id: sessionId,
        total,
        jobs: jobs.map((job) => ({
          job_id: job.id,
          kind: job.kind,
          type: job.reportType,
          customer_id: job.customerId,
          opportunity_id: job.opportunityId,
          section_title: job.sectionTitle,
          status: statusWord(job.state),
          created_at: job.createdAt.toISOString(),
          updated_at: job.updatedAt.toISOString(),
        })),
      },
    };
  }
}
