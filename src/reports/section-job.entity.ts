import { Column, Entity, PrimaryColumn } from 'typeorm';
import { JobRow } from '../database/job-row.js';
import type { ReportType } from './report-type.js';

export enum SectionJobKind {
  Generate = 'generate',
  Refine = 'refine',
}

/** Where a section job stands; the contract's words for each are chosen in the status view. */
export enum SectionJobState {
  Pending = 'pending',
  Running = 'running',
  Completed = 'completed',
  Failed = 'failed',
  Cancelled = 'cancelled',
}

export const UNFINISHED_STATES = [SectionJobState.Pending, SectionJobState.Running];

/** One `/generate` or `/refine` request, its result or error, kept 24 hours. */
@Entity('section_jobs')
export class SectionJob extends JobRow {
  @PrimaryColumn('uuid')
  id!: string;

  /** The API key that created it; only that key sees it. */
  @Column('uuid')
  apiKeyId!: string;

  @Column('text')
  sessionId!: string;

  @Column('text')
  kind!: SectionJobKind;

  @Column('text')
  reportType!: ReportType;

  @Column('text')
  customerId!: string;

  @Column('text')
  opportunityId!: string;

  @Column('text')
  sectionTitle!: string;

  /** Refine only: the section to refine (decoded) and the instruction. */
  @Column('text', { nullable: true })
  originalText!: string | null;

  @Column('text', { nullable: true })
  prompt!: string | null;

  @Column('text')
  state!: SectionJobState;

  /** The generated or refined markdown. */
  @Column('text', { nullable: true })
  result!: string | null;

  @Column('text', { nullable: true })
  errorCode!: string | null;

  @Column('text', { nullable: true })
  errorMessage!: string | null;

  @Column('integer', { nullable: true })
  promptTokens!: number | null;

  @Column('integer', { nullable: true })
  completionTokens!: number | null;

  /** Runs started, counting restarts after a crash. */
  @Column('integer')
  attempts!: number;

  @Column('text', { nullable: true })
  idempotencyKey!: string | null;

  @Column('bytea', { nullable: true })
  requestHash!: Buffer | null;

  /** When the job last entered the queue (BullMQ's enqueue time, set as a worker takes it). */
  @Column('timestamptz', { nullable: true })
  queuedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  finishedAt!: Date | null;

  @Column('timestamptz')
  expiresAt!: Date;
}
