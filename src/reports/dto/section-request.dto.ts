import { ApiProperty } from '@nestjs/swagger';
import { IsEnum, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ReportType } from '../report-type.js';
import { IsBase64Text } from './is-base64-text.decorator.js';

/** Documented bounds: ids and titles are short; a section to refine up to ~300 KB of text. */
export const REQUEST_LIMITS = {
  id: 128,
  sectionTitle: 120,
  originalTextBase64: 400_000,
  prompt: 4_000,
} as const;

/** `POST /generate`. */
export class GenerateSectionRequest {
  @ApiProperty({ enum: ReportType, example: ReportType.Feasibility })
  @IsEnum(ReportType)
  type!: ReportType;

  @ApiProperty({ maxLength: REQUEST_LIMITS.id, example: 'cust_001' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(REQUEST_LIMITS.id)
  customer_id!: string;

  @ApiProperty({ maxLength: REQUEST_LIMITS.id, example: 'opp_042' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(REQUEST_LIMITS.id)
  opportunity_id!: string;

  @ApiProperty({
    maxLength: REQUEST_LIMITS.sectionTitle,
    example: 'Executive Summary',
    description:
      'One of the titles of `type`: the canonical lists of seed 003 for Feasibility_report and ' +
      'Technical_scope; COMMERCIAL_PROPOSAL_TITLES for Commercial_proposal.',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(REQUEST_LIMITS.sectionTitle)
  section_title!: string;
}

/** `POST /refine`. */
export class RefineSectionRequest extends GenerateSectionRequest {
  @ApiProperty({
    maxLength: REQUEST_LIMITS.originalTextBase64,
    description: 'The section to refine: base64 of UTF-8 markdown or text',
    example: 'IyBFeGVjdXRpdmUgU3VtbWFyeQoKRHJhZnQu',
  })
  @MaxLength(REQUEST_LIMITS.originalTextBase64)
  @IsBase64Text()
  original_text!: string;

  @ApiProperty({ maxLength: REQUEST_LIMITS.prompt, example: 'Make it more concise' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(REQUEST_LIMITS.prompt)
  prompt!: string;
}
