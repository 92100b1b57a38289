import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type Repository } from 'typeorm';
import type { Env } from '../../config/env.js';
import { ApiKey } from './api-key.entity.js';

/** Active keys are re-read this often, so a revocation on another replica takes effect. */
const REFRESH_MS = 30_000;

const hashKey = (key: string): Buffer => createHash('sha256').update(key, 'utf8').digest();

export interface CreatedApiKey {
  id: string;
  name: string;
  /** Shown once; only its hash is kept. */
  key: string;
}

@Injectable()
export class ApiKeyService implements OnModuleInit {
  private readonly logger = new Logger(ApiKeyService.name);
  private active: ApiKey[] = [];
  private loadedAt = 0;

  constructor(
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
    private readonly config: ConfigService<Env, true>,
  ) {}

  async onModuleInit(): Promise<void> {
    const bootstrap = this.config.get('BOOTSTRAP_API_KEYS', { infer: true });
    for (const pair of bootstrap ? bootstrap.split(',') : []) {
      const [name, key] = [pair.slice(0, pair.indexOf(':')), pair.slice(pair.indexOf(':') + 1)];
      await this.store(name, key);
    }
  }

  /** Creates a random key (256 bits). */
  async create(name: string): Promise<CreatedApiKey> {
    const key = `ik_${randomBytes(32).toString('base64url')}`;
    const stored = await this.store(name, key);
    return { id: stored.id, name, key };
  }

  async revoke(name: string): Promise<boolean> {
    const result = await this.keys.update({ name, revokedAt: IsNull() }, { revokedAt: new Date() });
    this.loadedAt = 0;
    return (result.affected ?? 0) > 0;
  }

  /** The active key matching the presented one, compared in constant time against each hash. */
  async verify(presented: string): Promise<ApiKey | undefined> {
    if (Date.now() - this.loadedAt > REFRESH_MS) {
      this.active = await this.keys.findBy({ revokedAt: IsNull() });
      this.loadedAt = Date.now();
    }
    const hash = hashKey(presented);
    let match: ApiKey | undefined;
    for (const key of this.active) {
      if (timingSafeEqual(key.keyHash, hash)) match = key;
    }
    return match;
  }

  private async store(name: string, key: string): Promise<ApiKey> {
    await this.keys.upsert({ name, keyHash: hashKey(key), revokedAt: null }, ['name']);
    this.loadedAt = 0;
    this.logger.log({ name }, 'stored API key');
    return this.keys.findOneByOrFail({ name });
  }
}
