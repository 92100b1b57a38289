import { Body, Controller, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../auth/auth.decorators.js';
import { Role, type AuthUser } from '../auth/auth-user.js';
import { ApiContractErrors } from '../common/errors/api-contract-errors.decorator.js';
import { ErrorFamily } from '../common/errors/error-family.js';
import { UseErrorFamily } from '../common/errors/use-error-family.decorator.js';
import { ParseIdPipe } from '../common/validation/parse-id.pipe.js';
import { StagingResponse, UpdateStagingBody } from './dto/staging.dto.js';
import { ReviewService } from './review.service.js';

@ApiTags('contacts ingestion: staging')
@UseErrorFamily(ErrorFamily.ContactsIngestion)
@Controller('staging')
export class StagingController {
  constructor(private readonly review: ReviewService) {}

  @Put(':staging_id')
  @Auth(Role.Editor)
  @ApiOperation({
    summary: 'Update a staging row (partial); READY approves it for import',
    description:
      'A row marked READY must pass validation (422 otherwise) and is imported as soon as no open issue ' +
      'holds it. Imported rows cannot be edited (409).',
  })
  @ApiOkResponse({ type: StagingResponse })
  @ApiContractErrors(ErrorFamily.ContactsIngestion, 401, 403, 404, 409, 422)
  async update(
    @CurrentUser() user: AuthUser,
    @Param('staging_id', ParseIdPipe) id: number,
    @Body() body: UpdateStagingBody,
  ): Promise<StagingResponse> {
    const row = await this.review.updateStaging(user.id, id, {
      email: body.staging_email?.trim(),
      firstName: body.staging_first_name?.trim(),
      lastName: body.staging_last_name?.trim(),
      company: body.staging_company?.trim(),
      status: body.staging_status,
    });
    return StagingResponse.from(row);
  }
}
