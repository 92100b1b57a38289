import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A contact of one user: unique per user by lower-cased email. */
@Entity('contacts')
export class Contact {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column('text')
  userId!: string;

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
