import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SectionJobKind } from '../section-job.entity.js';
import { ReportType } from '../report-type.js';

/** Seed 003's envelope status values. */
export type EnvelopeStatus = 'ok' | 'processing' | 'ready' | 'busy' | 'error';

/** `data.status` of a job, in the seed's words. */
export type JobStatusWord = 'processing' | 'completed' | 'failed';

/** Every seed-003 response: `{status, message, data}`. */
export interface Envelope<T> {
  status: EnvelopeStatus;
  message: string;
  data: T;
}

class AcceptedData {
  @ApiProperty({ format: 'uuid' }) job_id!: string;
  @ApiProperty({ enum: ['pending'] }) status!: 'pending';
}

export class JobAcceptedEnvelope implements Envelope<AcceptedData> {
  @ApiProperty({ enum: ['processing'] }) status!: 'processing';
  @ApiProperty({ example: 'Job queued' }) message!: string;
  @ApiProperty({ type: AcceptedData }) data!: AcceptedData;
}

class SectionResult {
  @ApiProperty() customer_id!: string;
  @ApiProperty() opportunity_id!: string;
  @ApiProperty() section_title!: string;
  @ApiPropertyOptional({ description: 'Base64 of the markdown section (generate jobs)' })
  generated_section_b64?: string;
  @ApiPropertyOptional({ description: 'Base64 of the markdown section (refine jobs)' })
  refined_section_b64?: string;
}

class JobError {
  @ApiProperty({
    example: 'PROVIDER_TIMEOUT',
    description:
      'INTERNAL_ERROR, PROVIDER_TIMEOUT, PROVIDER_RATE_LIMITED, PROVIDER_ERROR, or CANCELLED',
  })
  error_code!: string;
  @ApiProperty() message!: string;
}

class JobStatusData {
  @ApiProperty({ format: 'uuid' }) job_id!: string;
  @ApiProperty({
    enum: ['processing', 'completed', 'failed'],
    description: 'A cancelled job reads `failed` with `error.error_code` CANCELLED',
  })
  status!: JobStatusWord;
  @ApiPropertyOptional({ type: SectionResult }) result?: SectionResult;
  @ApiPropertyOptional({ type: JobError }) error?: JobError;
}

export class JobStatusEnvelope implements Envelope<JobStatusData> {
  @ApiProperty({
    enum: ['processing', 'busy', 'ready', 'error'],
    description: 'processing: queued; busy: a worker is running it; ready: done; error: failed',
  })
  status!: EnvelopeStatus;
  @ApiProperty({ example: 'Job completed' }) message!: string;
  @ApiProperty({ type: JobStatusData }) data!: JobStatusData;
}

class CancelledData {
  @ApiProperty({ format: 'uuid' }) job_id!: string;
  @ApiProperty({ enum: ['cancelled'] }) status!: 'cancelled';
}

export class JobCancelledEnvelope implements Envelope<CancelledData> {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
  @ApiProperty({ example: 'Job cancelled' }) message!: string;
  @ApiProperty({ type: CancelledData }) data!: CancelledData;
}

class SessionJob {
  @ApiProperty({ format: 'uuid' }) job_id!: string;
  @ApiProperty({ enum: SectionJobKind }) kind!: SectionJobKind;
  @ApiProperty({ enum: ReportType }) type!: ReportType;
  @ApiProperty() customer_id!: string;
  @ApiProperty() opportunity_id!: string;
  @ApiProperty() section_title!: string;
  @ApiProperty({ enum: ['processing', 'completed', 'failed'] })
  status!: JobStatusWord;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
}

class SessionJobsData {
  @ApiProperty() session_id!: string;
  @ApiProperty() total!: number;
  @ApiProperty({ type: [SessionJob] }) jobs!: SessionJob[];
}

export class SessionJobsEnvelope implements Envelope<SessionJobsData> {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
  @ApiProperty({ example: 'Session jobs' }) message!: string;
  @ApiProperty({ type: SessionJobsData }) data!: SessionJobsData;
}
