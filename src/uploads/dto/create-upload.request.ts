import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Matches, MaxLength, Min } from 'class-validator';

/** The first step of a two-step upload: what will be PUT to the upload URL. */
export class CreateUploadRequest {
  @ApiProperty({ example: 'leads.xlsx', description: 'Ends in .xlsx or .csv', maxLength: 255 })
  @IsString()
  @MaxLength(255)
  @Matches(/\.(xlsx|csv)$/i, { message: 'fileName must end in .xlsx or .csv' })
  fileName!: string;

  @ApiProperty({ example: 1024000, description: 'Bytes; at most LEAD_MAX_FILE_BYTES' })
  @IsInt()
  @Min(1)
  fileSize!: number;
}
