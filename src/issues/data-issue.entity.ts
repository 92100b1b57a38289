import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum IssueType {
  DuplicateEmail = 'DUPLICATE_EMAIL',
  InvalidEmail = 'INVALID_EMAIL',
  MissingRequiredField = 'MISSING_REQUIRED_FIELD',
}

/** A data-quality problem found in a job; `data_issue_rows` links it to the staging rows it holds back. */
@Entity('data_issues')
export class DataIssue {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column('integer')
  jobId!: number;

  @Column('text')
  type!: IssueType;

  /** What the issue is about (rule and subject); makes re-runs idempotent. */
  @Column('text')
  issueKey!: string;

  @Column('text')
  description!: string;

  @Column('boolean')
  resolved!: boolean;

  @Column('timestamptz', { nullable: true })
  resolvedAt!: Date | null;

  @Column('text', { nullable: true })
  resolvedBy!: string | null;

  @Column('text', { nullable: true })
  resolutionComment!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
