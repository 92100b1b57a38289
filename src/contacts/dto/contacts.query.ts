import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PaginationQuery } from '../../common/http/pagination.query.js';

export class ContactsQuery extends PaginationQuery {
  @ApiPropertyOptional({
    example: 'john.doe@example.com',
    description: 'Only the contact with this address (any case)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  email?: string;
}
