import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../auth/auth.decorators.js';
import type { AuthUser } from '../auth/auth-user.js';
import { notFound } from '../common/errors/app.exception.js';
import { ApiContractErrors } from '../common/errors/api-contract-errors.decorator.js';
import { ErrorFamily } from '../common/errors/error-family.js';
import { UseErrorFamily } from '../common/errors/use-error-family.decorator.js';
import { ContactsService } from './contacts.service.js';
import { ContactListResponse, ContactResponse } from './dto/contact.response.js';
import { ContactsQuery } from './dto/contacts.query.js';

@ApiTags('contacts ingestion: contacts')
@UseErrorFamily(ErrorFamily.ContactsIngestion)
@Controller('contacts')
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get()
  @Auth()
  @ApiOperation({
    summary: "The caller's contacts, newest first; `?email=` for one address (404 if none)",
  })
  @ApiOkResponse({ type: ContactListResponse })
  @ApiContractErrors(ErrorFamily.ContactsIngestion, 401, 404, 422)
  async list(
    @CurrentUser() user: AuthUser,
    @Query() query: ContactsQuery,
  ): Promise<ContactListResponse> {
    const [contacts, total] = await this.contacts.list(
      user.id,
      query.limit,
      query.offset,
      query.email,
    );
    if (query.email !== undefined && total === 0)
      throw notFound(`Contact with email ${query.email} not found`);
    return { contacts: contacts.map(ContactResponse.from), total };
  }
}
