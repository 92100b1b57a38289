import { BullModule } from '@nestjs/bullmq';
import type { DynamicModule } from '@nestjs/common';
import type { QueueName } from './queue-name.enum.js';
import { QUEUE_SETTINGS } from './queue-settings.js';

/** What a domain module imports to own a queue: the queue with its default job settings. */
export const registerQueue = (name: QueueName): DynamicModule =>
  BullModule.registerQueue({ name, defaultJobOptions: QUEUE_SETTINGS[name].jobOptions });
