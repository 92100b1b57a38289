import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A contact of one user: unique per user by lower-cased email. Keyed by (user, id), so one index
 * serves both lookups and the newest-first listing.
 */
@Entity('contacts')
export class Contact {
  @PrimaryColumn('text')
  userId!: string;

  @PrimaryGeneratedColumn()
  id!: number;

  /** The staging row it was imported from; null once that job is deleted. */
  @Column('integer', { nullable: true })
  stagingId!: number | null;

  @Column('text')
  email!: string;

  @Column('text')
  firstName!: string;

  @Column('text')
  lastName!: string;

  @Column('text')
  company!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
