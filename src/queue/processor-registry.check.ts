import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { runsWorkers } from '../config/app-role.js';
import { QueueName } from './queue-name.enum.js';
import { QUEUE_PROCESSOR } from './queue-processor.decorator.js';

/** Refuses to start a worker where a queue has no processor or two: fail at boot, not at 3 a.m. */
@Injectable()
export class ProcessorRegistryCheck implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    if (!runsWorkers()) return;
    const handled = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.metatype)
      .filter(
        (metatype): metatype is NonNullable<typeof metatype> => typeof metatype === 'function',
      )
      .map((metatype) => this.reflector.get<QueueName | undefined>(QUEUE_PROCESSOR, metatype))
      .filter((queue): queue is QueueName => queue !== undefined);
    const problems = Object.values(QueueName).flatMap((queue) => {
      const count = handled.filter((name) => name === queue).length;
      return count === 1 ? [] : [`queue "${queue}" has ${count} processors`];
    });
    if (problems.length > 0) throw new Error(`queue misconfiguration: ${problems.join('; ')}`);
  }
}
