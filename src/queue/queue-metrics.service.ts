import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { Gauge, register } from 'prom-client';
import { QueueName } from './queue-name.enum.js';

const STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/** Queue depths by state, read from Redis when `/metrics` is scraped. */
@Injectable()
export class QueueMetricsService implements OnApplicationBootstrap {
  private readonly queues: Queue[] = [];

  constructor(private readonly moduleRef: ModuleRef) {
    const queues = this.queues;
    const existing = register.getSingleMetric('queue_jobs');
    if (existing) register.removeSingleMetric('queue_jobs');
    new Gauge({
      name: 'queue_jobs',
      help: 'Jobs in each BullMQ queue by state',
      labelNames: ['queue', 'state'] as const,
      registers: [register],
      async collect() {
        this.reset();
        for (const queue of queues) {
          const counts = await queue.getJobCounts(...STATES);
          for (const state of STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
        }
      },
    });
  }

  onApplicationBootstrap(): void {
    for (const name of Object.values(QueueName)) {
      this.queues.push(this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }));
    }
  }
}
