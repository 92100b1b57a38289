import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UploadStage, UploadStatus } from '../upload-state.js';

export class UploadProgress {
  @ApiProperty({ example: 10, description: 'Batches in all; 0 until the file is split' })
  totalBatches!: number;
  @ApiProperty({ example: 3, description: 'Batches finished (enriched, or failed and recorded)' })
  completedBatches!: number;
  @ApiProperty({ example: 100, description: 'Leads in the file (rows with a lead field)' })
  totalLeads!: number;
  @ApiProperty({ example: 30, description: 'Leads enriched so far' })
  processedLeads!: number;
  @ApiProperty({ example: 30.0, description: 'Batches finished, in percent (one decimal)' })
  percentage!: number;
}

export class UploadMetadata {
  @ApiProperty({ example: 'leads.xlsx' }) fileName!: string;
  @ApiProperty({ example: 1024000 }) fileSize!: number;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'When processing started; null before',
  })
  startTime!: string | null;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'Projected from the rate so far; null until a batch has finished',
  })
  estimatedCompletion!: string | null;
}

export class UploadError {
  @ApiProperty({ example: 'The file is not a valid XLSX workbook: its sheet cannot be read' })
  message!: string;
  @ApiProperty({
    example: 'INVALID_FILE',
    description: 'INVALID_FILE, TOO_MANY_ROWS, ENRICHMENT_FAILED or INTERNAL_ERROR',
  })
  code!: string;
  @ApiProperty({ format: 'date-time' }) timestamp!: string;
}

/** Seed 000's ProcessingStatus, field for field. */
export class UploadStatusResponse {
  @ApiProperty({ format: 'uuid' }) uploadId!: string;
  @ApiProperty({ enum: UploadStatus, enumName: 'UploadStatus' }) status!: UploadStatus;
  @ApiProperty({ enum: UploadStage, enumName: 'UploadStage' }) stage!: UploadStage;
  @ApiProperty({ type: UploadProgress }) progress!: UploadProgress;
  @ApiProperty({ type: UploadMetadata }) metadata!: UploadMetadata;
  @ApiPropertyOptional({ type: UploadError, description: 'Present when the status is `error`' })
  error?: UploadError;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ example: 1736503200, description: 'Expiry, as a Unix timestamp (24 h TTL)' })
  ttl!: number;
}

export class UploadListResponse {
  @ApiProperty({ type: [UploadStatusResponse] }) uploads!: UploadStatusResponse[];
  @ApiProperty({ example: 1 }) total!: number;
}

export class CancelUploadResponse {
  @ApiProperty({ format: 'uuid' }) uploadId!: string;
  @ApiProperty({ enum: ['cancelled'] }) status!: 'cancelled';
  @ApiProperty({ example: 'Processing cancellation requested' }) message!: string;
  @ApiProperty({ format: 'date-time' }) timestamp!: string;
}
