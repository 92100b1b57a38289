import { ApiProperty } from '@nestjs/swagger';
import { computeProgress } from '../../queue/progress.js';
import { type ImportJob, ImportJobStatus } from '../import-job.entity.js';

/** One import job, in seed 002's field style. */
export class JobResponse {
  @ApiProperty({ example: 123 })
  job_id!: number;

  @ApiProperty({ example: 'contacts.csv' })
  job_filename!: string;

  @ApiProperty({ enum: ImportJobStatus, example: ImportJobStatus.Processing })
  job_status!: ImportJobStatus;

  @ApiProperty({ example: 150, description: 'Data rows in the file (header excluded)' })
  job_total_rows!: number;

  @ApiProperty({ example: 60, description: 'Rows read so far' })
  job_processed_rows!: number;

  @ApiProperty({
    example: 40.0,
    description: 'Rows read, as a percentage of job_total_rows (0–100)',
  })
  job_progress!: number;

  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'Projected from the rate so far',
  })
  job_estimated_completion!: string | null;

  @ApiProperty({ nullable: true, type: String, example: null, description: 'Why the job failed' })
  job_error!: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'contacts/jobs/123.csv' })
  job_s3_key!: string | null;

  @ApiProperty({ format: 'date-time' })
  job_created_at!: string;

  @ApiProperty({ format: 'date-time' })
  job_updated_at!: string;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  job_started_at!: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  job_completed_at!: string | null;

  static from(job: ImportJob): JobResponse {
    const running = job.status === ImportJobStatus.Processing;
    const progress = computeProgress({
      total: job.totalRows,
      done: running || job.status === ImportJobStatus.Pending ? job.processedRows : job.totalRows,
      startedAt: job.startedAt,
    });
    return {
      job_id: job.id,
      job_filename: job.filename,
      job_status: job.status,
      job_total_rows: job.totalRows,
      job_processed_rows: job.processedRows,
      job_progress: progress.percentage,
      job_estimated_completion: running
        ? (progress.estimatedCompletion?.toISOString() ?? null)
        : null,
      job_error: job.error,
      job_s3_key: job.storageKey,
      job_created_at: job.createdAt.toISOString(),
      job_updated_at: job.updatedAt.toISOString(),
      job_started_at: job.startedAt?.toISOString() ?? null,
      job_completed_at: job.completedAt?.toISOString() ?? null,
    };
  }
}

export class JobListResponse {
  @ApiProperty({ type: [JobResponse] })
  jobs!: JobResponse[];

  @ApiProperty({ example: 1, description: 'All of the caller’s jobs, regardless of paging' })
  total!: number;
}

export class UploadResponse {
  @ApiProperty({ example: 123 })
  job_id!: number;

  @ApiProperty({ example: "File 'contacts.csv' uploaded successfully and queued for processing" })
  message!: string;

  @ApiProperty({ example: 'contacts.csv' })
  filename!: string;

  @ApiProperty({ example: 150 })
  total_rows!: number;
}

export class ReprocessResponse {
  @ApiProperty({ example: 123 })
  job_id!: number;

  @ApiProperty({ example: 'Job 123 queued for reprocessing' })
  message!: string;

  @ApiProperty({ example: 'contacts/jobs/123.csv' })
  s3_key!: string;
}

export class DeleteJobResponse {
  @ApiProperty({ example: 'Job 123 cancelled successfully' })
  message!: string;

  @ApiProperty({ example: 123 })
  job_id!: number;
}
