import { ApiProperty } from '@nestjs/swagger';
import type { Contact } from '../contact.entity.js';

export class ContactResponse {
  @ApiProperty({ example: 1 })
  contact_id!: number;

  @ApiProperty({
    nullable: true,
    type: Number,
    example: 123,
    description: 'Null once its job is deleted',
  })
  staging_id!: number | null;

  @ApiProperty({ example: '13240852-1021-70eb-a720-347831bb8bec' })
  contacts_user_id!: string;

  @ApiProperty({ example: 'john.doe@example.com', description: 'Lower-cased' })
  contact_email!: string;

  @ApiProperty({ example: 'John' })
  contact_first_name!: string;

  @ApiProperty({ example: 'Doe' })
  contact_last_name!: string;

  @ApiProperty({ example: 'Company A' })
  contact_company!: string;

  @ApiProperty({ format: 'date-time' })
  contact_created_at!: string;

  static from(contact: Contact): ContactResponse {
    return {
      contact_id: contact.id,
      staging_id: contact.stagingId,
      contacts_user_id: contact.userId,
      contact_email: contact.email,
      contact_first_name: contact.firstName,
      contact_last_name: contact.lastName,
      contact_company: contact.company,
      contact_created_at: contact.createdAt.toISOString(),
    };
  }
}

export class ContactListResponse {
  @ApiProperty({ type: [ContactResponse] })
  contacts!: ContactResponse[];

  @ApiProperty({ example: 1, description: 'All matching contacts, regardless of paging' })
  total!: number;
}
