import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The built-in issuer's RS256 key pair, shared by every replica through the database. */
@Entity('signing_keys')
export class SigningKey {
  @PrimaryColumn('text')
  kid!: string;

  @Column('text')
  privateKeyPem!: string;

  @Column('jsonb')
  publicJwk!: Record<string, string>;

  @Column('boolean')
  active!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
