import { Column, CreateDateColumn, UpdateDateColumn } from 'typeorm';

/** What every background job's row records of its life: created, last changed, started. */
export abstract class JobRow {
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Column('timestamptz', { nullable: true })
  startedAt!: Date | null;
}
