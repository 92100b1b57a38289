import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UploadStage, UploadStatus } from '../upload-state.js';

/** `POST /uploads`: the new upload, where to poll it, and (two-step) where to PUT its body. */
export class UploadCreatedResponse {
  @ApiProperty({ format: 'uuid' }) uploadId!: string;
  @ApiProperty({ enum: UploadStatus, enumName: 'UploadStatus', example: UploadStatus.Uploaded })
  status!: UploadStatus;
  @ApiProperty({ enum: UploadStage, enumName: 'UploadStage', example: UploadStage.FileProcessing })
  stage!: UploadStage;
  @ApiProperty({ example: 'leads.xlsx' }) fileName!: string;
  @ApiProperty({ example: 1024000 }) fileSize!: number;
  @ApiProperty({ example: 'http://localhost:3000/status/550e8400-e29b-41d4-a716-446655440000' })
  statusUrl!: string;
  @ApiPropertyOptional({
    description:
      'Two-step only: PUT the file body here (no other credentials), before `uploadUrlExpiresAt`',
  })
  uploadUrl?: string;
  @ApiPropertyOptional({ format: 'date-time' }) uploadUrlExpiresAt?: string;
}
