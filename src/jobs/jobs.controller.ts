import {
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Auth, CurrentUser } from '../auth/auth.decorators.js';
import { Role, type AuthUser } from '../auth/auth-user.js';
import { ApiContractErrors } from '../common/errors/api-contract-errors.decorator.js';
import { ErrorFamily } from '../common/errors/error-family.js';
import { UseErrorFamily } from '../common/errors/use-error-family.decorator.js';
import { PaginationQuery } from '../common/http/pagination.query.js';
import { ParseIdPipe } from '../common/validation/parse-id.pipe.js';
import { CsvUploadInterceptor } from './csv-upload.interceptor.js';
import {
  DeleteJobResponse,
  JobListResponse,
  JobResponse,
  ReprocessResponse,
  UploadResponse,
} from './dto/job.response.js';
import { JobsService } from './jobs.service.js';

@ApiTags('contacts ingestion: jobs')
@UseErrorFamily(ErrorFamily.ContactsIngestion)
@Controller('jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Get()
  @Auth()
  @ApiOperation({ summary: "The caller's import jobs, newest first, with status and progress" })
  @ApiOkResponse({ type: JobListResponse })
  @ApiContractErrors(ErrorFamily.ContactsIngestion, 401, 422)
  async list(
    @CurrentUser() user: AuthUser,
    @Query() page: PaginationQuery,
  ): Promise<JobListResponse> {
    const [jobs, total] = await this.jobs.list(user.id, page.limit, page.offset);
    return { jobs: jobs.map(JobResponse.from), total };
  }

  @Post('upload')
  @HttpCode(200)
  @Auth(Role.Uploader)
  @UseInterceptors(CsvUploadInterceptor)
  @ApiOperation({
    summary: 'Upload a contacts CSV; it is validated completely, stored and queued',
    description:
      'Required headers (case-insensitive): email, first_name, last_name, company, with the aliases ' +
      'of seed 002. Encodings UTF-8 (with or without BOM), CP1252 / Latin-1; delimiters , ; or tab. ' +
      'The same file uploaded again by the same user answers 409 naming the earlier job.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiOkResponse({ type: UploadResponse })
  @ApiContractErrors(ErrorFamily.ContactsIngestion, 400, 401, 403, 409, 413, 422)
  async upload(@CurrentUser() user: AuthUser, @Req() request: Request): Promise<UploadResponse> {
    const file = request.file!;
    const job = await this.jobs.upload(user.id, {
      originalName: file.originalname,
      path: file.path,
    });
    return {
      job_id: job.id,
      message: `File '${job.filename}' uploaded successfully and queued for processing`,
      filename: job.filename,
      total_rows: job.totalRows,
    };
  }

  @Post(':job_id/reprocess')
  @HttpCode(200)
  @Auth(Role.Uploader)
  @ApiOperation({ summary: 'Queue a job to be processed again from its stored file (idempotent)' })
  @ApiOkResponse({ type: ReprocessResponse })
  @ApiContractErrors(ErrorFamily.ContactsIngestion, 401, 403, 404, 409, 422, 503)
  async reprocess(
    @CurrentUser() user: AuthUser,
    @Param('job_id', ParseIdPipe) id: number,
  ): Promise<ReprocessResponse> {
    const job = await this.jobs.reprocess(user.id, id);
    return {
      job_id: job.id,
      message: `Job ${job.id} queued for reprocessing`,
      s3_key: job.storageKey ?? '',
    };
  }

  @Delete(':job_id')
  @Auth(Role.Editor)
  @ApiOperation({
    summary: 'Delete a PENDING, NEEDS_REVIEW or FAILED job with its staging rows, issues and file',
    description: 'Contacts already imported from the job stay.',
  })
  @ApiOkResponse({ type: DeleteJobResponse })
  @ApiContractErrors(ErrorFamily.ContactsIngestion, 400, 401, 403, 404, 422)
  async delete(
    @CurrentUser() user: AuthUser,
    @Param('job_id', ParseIdPipe) id: number,
  ): Promise<DeleteJobResponse> {
    await this.jobs.delete(user.id, id);
    return { message: `Job ${id} cancelled successfully`, job_id: id };
  }
}
