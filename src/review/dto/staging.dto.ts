import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { IsOmittable } from '../../common/validation/is-omittable.decorator.js';
import { type StagingRow, StagingStatus } from '../../staging/staging-row.entity.js';

/** A staging row in seed 002's shape (`staging_row_hash` is never shown). */
export class StagingResponse {
  @ApiProperty({ example: 123 })
  staging_id!: number;

  @ApiProperty({ example: 5 })
  staging_job_id!: number;

  @ApiProperty({ example: 'updated@example.com' })
  staging_email!: string;

  @ApiProperty({ example: 'John' })
  staging_first_name!: string;

  @ApiProperty({ example: 'Doe' })
  staging_last_name!: string;

  @ApiProperty({ example: 'Updated Company' })
  staging_company!: string;

  @ApiProperty({ format: 'date-time' })
  staging_created_at!: string;

  @ApiProperty({ enum: StagingStatus, example: StagingStatus.Ready })
  staging_status!: StagingStatus;

  static from(row: StagingRow): StagingResponse {
    return {
      staging_id: row.id,
      staging_job_id: row.jobId,
      staging_email: row.email,
      staging_first_name: row.firstName,
      staging_last_name: row.lastName,
      staging_company: row.company,
      staging_created_at: row.createdAt.toISOString(),
      staging_status: row.status,
    };
  }
}

/** Statuses an editor may set: approve, hold, or exclude a row. IMPORTED is the system's to set. */
export const EDITABLE_STAGING_STATUSES = [
  StagingStatus.Ready,
  StagingStatus.Issue,
  StagingStatus.Skipped,
];

/** A partial update; ids, the job, the row hash and timestamps cannot be set. */
export class UpdateStagingBody {
  @ApiPropertyOptional({ example: 'updated@example.com' })
  @IsOmittable()
  @IsString()
  @MaxLength(254)
  staging_email?: string;

  @ApiPropertyOptional({ example: 'John' })
  @IsOmittable()
  @IsString()
  @MaxLength(500)
  staging_first_name?: string;

  @ApiPropertyOptional({ example: 'Doe' })
  @IsOmittable()
  @IsString()
  @MaxLength(500)
  staging_last_name?: string;

  @ApiPropertyOptional({ example: 'Updated Company' })
  @IsOmittable()
  @IsString()
  @MaxLength(500)
  staging_company?: string;

  @ApiPropertyOptional({
    enum: EDITABLE_STAGING_STATUSES,
    description:
      'READY approves the row (it must pass validation); it is imported once no open issue holds it.',
  })
  @IsOmittable()
  @IsIn(EDITABLE_STAGING_STATUSES)
  staging_status?: StagingStatus;
}
