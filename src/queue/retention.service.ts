import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Redis } from 'ioredis';
import { runsWorkers } from '../config/app-role.js';
import { runExclusively } from './exclusive-run.js';
import { REDIS } from './redis.module.js';

/** Records with a TTL; `purgeExpired` deletes those past it and says how many. */
export interface RetentionPolicy {
  name: string;
  purgeExpired(now: Date): Promise<number>;
}

export const RETENTION_INTERVAL_MS = 5 * 60_000;

/**
 * Deletes expired records on a schedule, one replica at a time. Reads never depend on it: an
 * expired record already answers 404 before it is purged.
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RetentionService.name);
  private readonly policies: RetentionPolicy[] = [];
  private timer?: NodeJS.Timeout;

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  register(policy: RetentionPolicy): void {
    this.policies.push(policy);
  }

  onApplicationBootstrap(): void {
    if (!runsWorkers() || this.policies.length === 0) return;
    this.timer = setInterval(() => void this.purgeAll(), RETENTION_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async purgeAll(now = new Date()): Promise<Record<string, number>> {
    const purged: Record<string, number> = {};
    const policies = [...this.policies];
    await runExclusively(this.redis, 'retention', RETENTION_INTERVAL_MS, async () => {
      for (const policy of policies) {
        try {
          purged[policy.name] = await policy.purgeExpired(now);
        } catch (error) {
          this.logger.error({ error, policy: policy.name }, 'purge failed');
        }
      }
    });
    if (Object.values(purged).some((count) => count > 0))
      this.logger.log({ purged }, 'purged expired records');
    return purged;
  }
}
