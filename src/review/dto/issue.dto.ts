import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsOmittable } from '../../common/validation/is-omittable.decorator.js';
import { type DataIssue, IssueType } from '../../issues/data-issue.entity.js';
import type { StagingRow } from '../../staging/staging-row.entity.js';
import { StagingResponse } from './staging.dto.js';

/** A row an issue holds: the staging row without its job id (the issue names the job). */
export class AffectedRowResponse extends OmitType(StagingResponse, ['staging_job_id'] as const) {
  static from(row: StagingRow): AffectedRowResponse {
    const { staging_job_id: _job, ...affected } = StagingResponse.from(row);
    return affected;
  }
}

/** An issue in seed 002's shape (`issue_key` is never shown). */
export class IssueResponse {
  @ApiProperty({ example: 1 })
  issue_id!: number;

  @ApiProperty({ example: 5 })
  issues_job_id!: number;

  @ApiProperty({ enum: IssueType, example: IssueType.DuplicateEmail })
  issue_type!: IssueType;

  @ApiProperty({ example: false })
  issue_resolved!: boolean;

  @ApiProperty({ example: 'Email appears multiple times with different identities' })
  issue_description!: string;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  issue_resolved_at!: string | null;

  @ApiProperty({ nullable: true, type: String, example: null })
  issue_resolved_by!: string | null;

  @ApiProperty({ nullable: true, type: String, example: null })
  issue_resolution_comment!: string | null;

  @ApiProperty({ format: 'date-time' })
  issue_created_at!: string;

  @ApiProperty({ type: [AffectedRowResponse] })
  affected_rows!: AffectedRowResponse[];

  static from(issue: DataIssue, rows: StagingRow[]): IssueResponse {
    return {
      issue_id: issue.id,
      issues_job_id: issue.jobId,
      issue_type: issue.type,
      issue_resolved: issue.resolved,
      issue_description: issue.description,
      issue_resolved_at: issue.resolvedAt?.toISOString() ?? null,
      issue_resolved_by: issue.resolvedBy,
      issue_resolution_comment: issue.resolutionComment,
      issue_created_at: issue.createdAt.toISOString(),
      affected_rows: rows.map(AffectedRowResponse.from),
    };
  }
}

export class IssueListResponse {
  @ApiProperty({ type: [IssueResponse] })
  issues!: IssueResponse[];

  @ApiProperty({ example: 1, description: 'All issues in scope, regardless of paging' })
  total!: number;

  @ApiProperty({ example: 0 })
  resolved_count!: number;

  @ApiProperty({ example: 1 })
  unresolved_count!: number;
}

/** A partial update; only these fields can change. */
export class UpdateIssueBody {
  @ApiPropertyOptional({
    example: true,
    description:
      'true stamps issue_resolved_at (once) and defaults issue_resolved_by to the caller; false clears both',
  })
  @IsOmittable()
  @IsBoolean()
  issue_resolved?: boolean;

  @ApiPropertyOptional({ example: 'Updated description' })
  @IsOmittable()
  @IsString()
  @MaxLength(2000)
  issue_description?: string;

  @ApiPropertyOptional({ example: 'user-id-123' })
  @IsOmittable()
  @IsString()
  @MaxLength(200)
  issue_resolved_by?: string;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: 'Issue resolved after manual review',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  issue_resolution_comment?: string | null;
}
