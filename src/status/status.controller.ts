import { Controller, Get, HttpCode, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiSecurity,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { ApiKey } from '../auth/api-keys/api-key.entity.js';
import type { AuthUser } from '../auth/auth-user.js';
import { ApiContractErrors } from '../common/errors/api-contract-errors.decorator.js';
import { ErrorFamily } from '../common/errors/error-family.js';
import { UseErrorFamily } from '../common/errors/use-error-family.decorator.js';
import { RateLimitGuard } from '../common/rate-limit/rate-limit.guard.js';
import {
  LEAD_RATE_LIMITS,
  RateLimitName,
  RateLimits,
} from '../common/rate-limit/rate-limit.names.js';
import {
  JobCancelledEnvelope,
  JobStatusEnvelope,
} from '../reports/dto/section-envelope.response.js';
import { ReportsService } from '../reports/reports.service.js';
import { cancelledEnvelope, sectionStatusView } from '../reports/section-status.view.js';
import {
  CancelUploadResponse,
  UploadStatusResponse,
} from '../uploads/dto/upload-status.response.js';
import { uploadStatusView } from '../uploads/upload-status.view.js';
import { UploadsService } from '../uploads/uploads.service.js';
import { isSectionCaller, statusErrorFamily } from './status-caller.js';
import { StatusCredentialGuard } from './status-credential.guard.js';

const STATUS_FAMILIES = [ErrorFamily.ReportSections, ErrorFamily.LeadStatus];

type StatusRequest = Request & { apiKey?: ApiKey; user?: AuthUser };

/** Seed 000's limits for bearer callers (per user, and per upload id); seed 003 keeps the default. */
const statusRateLimits = (request: Request): RateLimitName[] =>
  isSectionCaller(request)
    ? [RateLimitName.Default]
    : [...LEAD_RATE_LIMITS, RateLimitName.LeadStatusPerUpload];

const ID_PARAM = {
  name: 'id',
  description:
    "A section job's `job_id` (with X-API-Key) or an upload's `uploadId` (with a bearer token)",
};

/**
 * The one `/status/{id}` of seeds 000 and 003: the caller's credential decides which contract
 * answers, and an id of the other contract is not found.
 */
@ApiTags('status')
@UseErrorFamily(statusErrorFamily)
@UseGuards(StatusCredentialGuard, RateLimitGuard)
@RateLimits(statusRateLimits)
@ApiSecurity('api-key')
@ApiBearerAuth('bearer')
@Controller('status')
export class StatusController {
  constructor(
    private readonly reports: ReportsService,
    private readonly uploads: UploadsService,
  ) {}

  @Get(':id')
  @ApiOperation({
    summary: 'Poll a job: a section job (seed 003, X-API-Key) or a lead upload (seed 000, bearer)',
    description:
      'Answers `ETag`; a matching `If-None-Match` gets 304. While the job runs, `Retry-After` says ' +
      'when to poll again.',
  })
  @ApiParam(ID_PARAM)
  @ApiExtraModels(JobStatusEnvelope, UploadStatusResponse)
  @ApiOkResponse({
    schema: {
      oneOf: [
        { $ref: getSchemaPath(UploadStatusResponse) },
        { $ref: getSchemaPath(JobStatusEnvelope) },
      ],
    },
  })
  @ApiContractErrors(STATUS_FAMILIES, 400, 401, 404, 429)
  async status(
    @Req() request: StatusRequest,
    @Res({ passthrough: true }) response: Response,
    @Param('id') id: string,
  ): Promise<JobStatusEnvelope | UploadStatusResponse> {
    const view = isSectionCaller(request)
      ? sectionStatusView(await this.reports.find(request.apiKey!.id, id))
      : uploadStatusView(await this.uploads.status(request.user!.id, id));
    if (view.retryAfterSeconds) response.setHeader('Retry-After', String(view.retryAfterSeconds));
    return 'envelope' in view ? view.envelope : view.body;
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel a queued or running job; a finished one answers 400 CANNOT_CANCEL',
  })
  @ApiParam(ID_PARAM)
  @ApiExtraModels(JobCancelledEnvelope, CancelUploadResponse)
  @ApiOkResponse({
    schema: {
      oneOf: [
        { $ref: getSchemaPath(CancelUploadResponse) },
        { $ref: getSchemaPath(JobCancelledEnvelope) },
      ],
    },
  })
  @ApiContractErrors(STATUS_FAMILIES, 400, 401, 404, 429)
  async cancel(
    @Req() request: StatusRequest,
    @Param('id') id: string,
  ): Promise<JobCancelledEnvelope | CancelUploadResponse> {
    if (isSectionCaller(request)) {
      await this.reports.cancel(request.apiKey!.id, id);
      return cancelledEnvelope(id);
    }
    await this.uploads.cancel(request.user!.id, id);
    return {
      uploadId: id,
      status: 'cancelled',
      message: 'Processing cancellation requested',
      timestamp: new Date().toISOString(),
    };
  }
}
