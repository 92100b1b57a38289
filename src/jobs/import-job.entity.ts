import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { JobRow } from '../database/job-row.js';
import type { ColumnIndexes } from './csv/contact-columns.js';
import type { TextEncoding } from '../common/files/text-encoding.js';

export enum ImportJobStatus {
  Pending = 'PENDING',
  Processing = 'PROCESSING',
  NeedsReview = 'NEEDS_REVIEW',
  Completed = 'COMPLETED',
  Failed = 'FAILED',
}

/** Jobs in these states may be deleted (seed 002). */
export const DELETABLE_STATUSES = [
  ImportJobStatus.Pending,
  ImportJobStatus.NeedsReview,
  ImportJobStatus.Failed,
];

const bigintAsNumber = { to: (value: number) => value, from: (value: string) => Number(value) };

/** One uploaded contacts CSV and where its processing stands. */
@Entity('import_jobs')
export class ImportJob extends JobRow {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column('text')
  userId!: string;

  @Column('text')
  filename!: string;

  @Column('text', { nullable: true })
  storageKey!: string | null;

  @Column('text')
  status!: ImportJobStatus;

  @Column('bytea')
  fileSha256!: Buffer;

  @Column('bigint', { transformer: bigintAsNumber })
  fileSize!: number;

  @Column('text')
  encoding!: TextEncoding;

  @Column('text')
  delimiter!: string;

  /** Where each required column is in the file, from its header row. */
  @Column('jsonb')
  columns!: ColumnIndexes;

  @Column('integer')
  totalRows!: number;

  @Column('integer')
  processedRows!: number;

  @Column('text', { nullable: true })
  error!: string | null;

  @Column('timestamptz', { nullable: true })
  completedAt!: Date | null;
}
