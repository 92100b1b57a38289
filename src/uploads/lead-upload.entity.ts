import { Column, Entity, PrimaryColumn } from 'typeorm';
import { JobRow } from '../database/job-row.js';
import type { SheetLayout } from './lead.js';
import type { UploadFormat, UploadStage, UploadStatus } from './upload-state.js';

/** One lead file a user uploaded, where its processing stands, kept 24 hours. */
@Entity('lead_uploads')
export class LeadUpload extends JobRow {
  @PrimaryColumn('uuid')
  id!: string;

  /** The bearer token's `sub`; only that user sees it. */
  @Column('text')
  userId!: string;

  @Column('text')
  fileName!: string;

  /** Declared on a two-step upload until the body arrives; then the stored size. */
  @Column('bigint', { transformer: { to: (value: number) => value, from: Number } })
  fileSize!: number;

  @Column('text')
  format!: UploadFormat;

  @Column('text')
  storageKey!: string;

  @Column('text')
  status!: UploadStatus;

  @Column('text')
  stage!: UploadStage;

  /** Known once the file's header row has been read. */
  @Column('jsonb', { nullable: true })
  layout!: SheetLayout | null;

  /** Leads per batch, fixed when processing first starts (a re-split cuts the same batches). */
  @Column('integer', { nullable: true })
  batchSize!: number | null;

  @Column('integer')
  totalBatches!: number;

  @Column('integer')
  completedBatches!: number;

  @Column('integer')
  failedBatches!: number;

  @Column('integer')
  totalLeads!: number;

  @Column('integer')
  processedLeads!: number;

  /** Rows with none of the lead fields, not counted as leads. */
  @Column('integer')
  skippedRows!: number;

  @Column('text', { nullable: true })
  errorCode!: string | null;

  @Column('text', { nullable: true })
  errorMessage!: string | null;

  @Column('timestamptz', { nullable: true })
  errorAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  finishedAt!: Date | null;

  @Column('timestamptz')
  expiresAt!: Date;
}
