import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ServerSecret } from './server-secret.entity.js';

@Injectable()
export class ServerSecretService {
  constructor(@InjectRepository(ServerSecret) private readonly secrets: Repository<ServerSecret>) {}

  /** The named secret, created (32 random bytes) by whichever replica asks first. */
  async getOrCreate(name: string): Promise<Buffer> {
    await this.secrets
      .createQueryBuilder()
      .insert()
      .values({ name, value: randomBytes(32) })
      .orIgnore()
      .execute();
    return (await this.secrets.findOneByOrFail({ name })).value;
  }
}
