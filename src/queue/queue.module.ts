import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DiscoveryModule } from '@nestjs/core';
import type { Env } from '../config/env.js';
import { ProcessorRegistryCheck } from './processor-registry.check.js';
import { QueueMetricsService } from './queue-metrics.service.js';
import { ReconcilerService } from './reconciler.service.js';
import { RedisModule } from './redis.module.js';
import { RetentionService } from './retention.service.js';

@Global()
@Module({
  imports: [
    RedisModule,
    DiscoveryModule,
    BullModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>) => ({
        connection: { url: config.get('REDIS_URL', { infer: true }), maxRetriesPerRequest: null },
        prefix: `${config.get('REDIS_PREFIX', { infer: true })}:bull`,
      }),
    }),
  ],
  providers: [ReconcilerService, RetentionService, ProcessorRegistryCheck, QueueMetricsService],
  exports: [ReconcilerService, RetentionService],
})
export class QueueModule {}
