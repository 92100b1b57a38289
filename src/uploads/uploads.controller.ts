import {
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Req,
  Res,
  StreamableFile,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Auth, CurrentUser } from '../auth/auth.decorators.js';
import { type AuthUser, Role } from '../auth/auth-user.js';
import { ApiContractErrors } from '../common/errors/api-contract-errors.decorator.js';
import { ErrorFamily } from '../common/errors/error-family.js';
import { UseErrorFamily } from '../common/errors/use-error-family.decorator.js';
import { PaginationQuery } from '../common/http/pagination.query.js';
import { LEAD_RATE_LIMITS, RateLimits } from '../common/rate-limit/rate-limit.names.js';
import { parseBody } from '../common/validation/parse-body.js';
import { CreateUploadRequest } from './dto/create-upload.request.js';
import { UploadCreatedResponse } from './dto/upload-created.response.js';
import { UploadListResponse } from './dto/upload-status.response.js';
import { LeadFileUploadInterceptor } from './lead-file-upload.interceptor.js';
import type { LeadUpload } from './lead-upload.entity.js';
import { uploadStatusView } from './upload-status.view.js';
import { UploadsService } from './uploads.service.js';

const statusUrl = (request: Request, id: string): string =>
  `${request.protocol}://${request.get('host')}/status/${id}`;

const created = (request: Request, upload: LeadUpload): UploadCreatedResponse => ({
  uploadId: upload.id,
  status: upload.status,
  stage: upload.stage,
  fileName: upload.fileName,
  fileSize: upload.fileSize,
  statusUrl: statusUrl(request, upload.id),
});

/** Seed 000's uploads (the contract's silent half, as DESIGN.md decides it). */
@ApiTags('lead uploads')
@UseErrorFamily(ErrorFamily.LeadStatus)
@Controller('uploads')
export class UploadsController {
  constructor(private readonly uploads: UploadsService) {}

  @Post()
  @HttpCode(202)
  @Auth(Role.Uploader)
  @RateLimits(LEAD_RATE_LIMITS)
  @UseInterceptors(LeadFileUploadInterceptor)
  @ApiOperation({
    summary: 'Upload a lead file (.xlsx or .csv): in one request, or in two steps',
    description:
      'One-shot: multipart `file`; answers once the file is checked and stored, status `uploaded`. ' +
      'Two-step: JSON `{fileName, fileSize}` creates the upload in `uploading` / `file_upload` and ' +
      'returns `uploadUrl`; PUT the body there (with S3 storage, a presigned S3 URL: then call ' +
      '`POST /uploads/{uploadId}/complete`, or poll the status). The first sheet is read; its header ' +
      'row must name at least one of name, email, phone, company, title, website (common aliases ' +
      'accepted, any case). Bad files (not XLSX or CSV, empty, corrupt, zip bombs, too large) answer ' +
      '400 with the reason.',
  })
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiExtraModels(CreateUploadRequest)
  @ApiBody({
    schema: {
      oneOf: [
        {
          type: 'object',
          required: ['file'],
          properties: { file: { type: 'string', format: 'binary' } },
        },
        { $ref: getSchemaPath(CreateUploadRequest) },
      ],
    },
  })
  @ApiAcceptedResponse({ type: UploadCreatedResponse })
  @ApiContractErrors(ErrorFamily.LeadStatus, 400, 401, 403, 429)
  async create(
    @CurrentUser() user: AuthUser,
    @Req() request: Request,
  ): Promise<UploadCreatedResponse> {
    if (request.file) {
      const upload = await this.uploads.uploadFile(user.id, {
        originalName: request.file.originalname,
        path: request.file.path,
        size: request.file.size,
      });
      return created(request, upload);
    }
    const body = await parseBody(CreateUploadRequest, request.body);
    const pending = await this.uploads.createPending(user.id, body.fileName, body.fileSize);
    return {
      ...created(request, pending.upload),
      uploadUrl: pending.uploadUrl,
      uploadUrlExpiresAt: pending.expiresAt.toISOString(),
    };
  }

  @Get()
  @Auth()
  @RateLimits(LEAD_RATE_LIMITS)
  @ApiOperation({ summary: "The caller's uploads, newest first, each as its status" })
  @ApiOkResponse({ type: UploadListResponse })
  @ApiContractErrors(ErrorFamily.LeadStatus, 400, 401, 429)
  async list(
    @CurrentUser() user: AuthUser,
    @Query() page: PaginationQuery,
  ): Promise<UploadListResponse> {
    const [uploads, total] = await this.uploads.list(user.id, page.limit, page.offset);
    return { uploads: uploads.map((upload) => uploadStatusView(upload).body), total };
  }

  @Put(':uploadId/file')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Two-step upload, second step: PUT the file body to the signed `uploadUrl`',
    description: 'The URL is the credential (as an S3 presigned URL is); no bearer token.',
  })
  @ApiConsumes('application/octet-stream')
  @ApiOkResponse({ type: UploadCreatedResponse })
  @ApiContractErrors(ErrorFamily.LeadStatus, 400, 403, 404, 409)
  async receive(
    @Param('uploadId') id: string,
    @Query('expires') expires: string,
    @Query('signature') signature: string,
    @Req() request: Request,
  ): Promise<UploadCreatedResponse> {
    const upload = await this.uploads.receiveBody(id, Number(expires), String(signature), request);
    return created(request, upload);
  }

  @Post(':uploadId/complete')
  @HttpCode(200)
  @Auth(Role.Uploader)
  @RateLimits(LEAD_RATE_LIMITS)
  @ApiOperation({
    summary: 'Two-step upload to S3: the PUT is done; check the file and start processing',
  })
  @ApiOkResponse({ type: UploadCreatedResponse })
  @ApiContractErrors(ErrorFamily.LeadStatus, 400, 401, 403, 404, 429)
  async complete(
    @CurrentUser() user: AuthUser,
    @Param('uploadId') id: string,
    @Req() request: Request,
  ): Promise<UploadCreatedResponse> {
    return created(request, await this.uploads.completeFromStorage(user.id, id));
  }

  @Get(':uploadId/result')
  @Auth()
  @RateLimits(LEAD_RATE_LIMITS)
  @ApiOperation({
    summary: 'The enriched leads, as a file in the uploaded format',
    description:
      "The file's own columns, then enrichment_status, full_name, email_normalized, email_valid, " +
      'phone_e164, company_domain, free_mail, role_address, lead_score, score_reasons. Cells that ' +
      'would start a formula are prefixed with an apostrophe. Available once the upload is ' +
      '`completed`, or `cancelled` (the leads done by then); otherwise 409 RESULT_NOT_READY.',
  })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiContractErrors(ErrorFamily.LeadStatus, 400, 401, 404, 409, 429)
  async result(
    @CurrentUser() user: AuthUser,
    @Param('uploadId') id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const file = await this.uploads.result(user.id, id);
    response.setHeader('Content-Type', file.contentType);
    response.attachment(file.fileName);
    return new StreamableFile(file.body);
  }
}
