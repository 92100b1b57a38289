import { Processor } from '@nestjs/bullmq';
import { applyDecorators, SetMetadata } from '@nestjs/common';
import type { QueueName } from './queue-name.enum.js';
import { QUEUE_SETTINGS } from './queue-settings.js';

export const QUEUE_PROCESSOR = 'intake:queue-processor';

/** `@Processor` with the queue's own settings, marked so the start-up check can count handlers. */
export const QueueProcessor = (queue: QueueName): ClassDecorator =>
  applyDecorators(
    Processor(queue, QUEUE_SETTINGS[queue].worker),
    SetMetadata(QUEUE_PROCESSOR, queue),
  );
