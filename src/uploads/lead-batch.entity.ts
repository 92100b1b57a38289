import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LeadEnrichment, StoredLead } from './lead.js';

export enum BatchState {
  Pending = 'pending',
  Completed = 'completed',
  Failed = 'failed',
}

/** A batch of an upload's leads: one queue job, processed (or failed) exactly once. */
@Entity('lead_batches')
export class LeadBatch {
  @PrimaryColumn('uuid')
  uploadId!: string;

  /** 0-based, in file order. */
  @PrimaryColumn('integer')
  batchNo!: number;

  @Column('text')
  state!: BatchState;

  @Column('integer')
  leadCount!: number;

  @Column('jsonb')
  leads!: StoredLead[];

  /** One entry per lead, in the same order, once the batch completed. */
  @Column('jsonb', { nullable: true })
  enrichment!: LeadEnrichment[] | null;

  @Column('text', { nullable: true })
  errorCode!: string | null;

  @Column('text', { nullable: true })
  errorMessage!: string | null;

  @Column('timestamptz', { nullable: true })
  finishedAt!: Date | null;
}
