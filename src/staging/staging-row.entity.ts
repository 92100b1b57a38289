import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum StagingStatus {
  /** Clean, or approved by an editor: imported once no open issue holds it. */
  Ready = 'READY',
  /** Held by at least one open issue. */
  Issue = 'ISSUE',
  /** Became (or matched) a contact. */
  Imported = 'IMPORTED',
  /** Left in an issue when review ended: not imported. */
  Skipped = 'SKIPPED',
}

/** One distinct row of an uploaded file, as read, awaiting import or review. */
@Entity('staging_rows')
export class StagingRow {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column('integer')
  jobId!: number;

  /** Line of the file the row first appeared on (header is line 1). */
  @Column('integer')
  rowNumber!: number;

  @Column('text')
  email!: string;

  @Column('text')
  firstName!: string;

  @Column('text')
  lastName!: string;

  @Column('text')
  company!: string;

  @Column('text')
  status!: StagingStatus;

  /** Identity of the row as read; makes re-runs idempotent and collapses identical rows. */
  @Column('text')
  rowHash!: string;

  /**
   * Hash of the identity as read (lower-cased names and company), compared between the rows of an
   * import run that share an address; none on rows staged before it existed.
   */
  @Column({ type: 'bigint', nullable: true, select: false })
  identityHash!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
