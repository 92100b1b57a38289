import { Controller, Get, HttpCode, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { isUUID } from 'class-validator';
import type { ApiKey } from '../auth/api-keys/api-key.entity.js';
import { ApiContractErrors } from '../common/errors/api-contract-errors.decorator.js';
import { badRequest, notFound } from '../common/errors/app.exception.js';
import { ErrorFamily } from '../common/errors/error-family.js';
import { UseErrorFamily } from '../common/errors/use-error-family.decorator.js';
import { RateLimitGuard } from '../common/rate-limit/rate-limit.guard.js';
import {
  JobCancelledEnvelope,
  JobStatusEnvelope,
} from '../reports/dto/section-envelope.response.js';
import { ReportsService } from '../reports/reports.service.js';
import { cancelledEnvelope, sectionStatusView } from '../reports/section-status.view.js';
import { isSectionCaller, statusErrorFamily } from './status-caller.js';
import { StatusCredentialGuard } from './status-credential.guard.js';

const STATUS_FAMILIES = [ErrorFamily.ReportSections, ErrorFamily.LeadStatus];

type StatusRequest = Request & { apiKey?: ApiKey };

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
@ApiSecurity('api-key')
@ApiBearerAuth('bearer')
@Controller('status')
export class StatusController {
  constructor(private readonly reports: ReportsService) {}

  @Get(':id')
  @ApiOperation({
    summary: 'Poll a job: a section job (seed 003, X-API-Key) or a lead upload (seed 000, bearer)',
    description:
      'Answers `ETag`; a matching `If-None-Match` gets 304. While the job runs, `Retry-After` says ' +
      'when to poll again.',
  })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: JobStatusEnvelope })
  @ApiContractErrors(STATUS_FAMILIES, 400, 401, 404, 429)
  async status(
    @Req() request: StatusRequest,
    @Res({ passthrough: true }) response: Response,
    @Param('id') id: string,
  ): Promise<JobStatusEnvelope> {
    if (!isSectionCaller(request)) this.uploadNotFound(id);
    const view = sectionStatusView(await this.reports.find(request.apiKey!.id, id));
    if (view.retryAfterSeconds) response.setHeader('Retry-After', String(view.retryAfterSeconds));
    return view.envelope;
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel a queued or running job; a finished one answers 400 CANNOT_CANCEL',
  })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: JobCancelledEnvelope })
  @ApiContractErrors(STATUS_FAMILIES, 400, 401, 404, 429)
  async cancel(
    @Req() request: StatusRequest,
    @Param('id') id: string,
  ): Promise<JobCancelledEnvelope> {
    if (!isSectionCaller(request)) this.uploadNotFound(id);
    await this.reports.cancel(request.apiKey!.id, id);
    return cancelledEnvelope(id);
  }

  /** Seed 000's answer for an id that names no upload of the caller (section jobs included). */
  private uploadNotFound(id: string): never {
    if (!isUUID(id)) throw badRequest('The upload id must be a UUID', 'INVALID_UPLOAD_ID');
    throw notFound(`Upload ${id} not found`, 'UPLOAD_NOT_FOUND');
  }
}
