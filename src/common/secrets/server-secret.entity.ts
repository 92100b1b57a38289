import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Random secrets the server makes for itself on first start, shared by every replica. */
@Entity('server_secrets')
export class ServerSecret {
  @PrimaryColumn('text')
  name!: string;

  @Column('bytea')
  value!: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
