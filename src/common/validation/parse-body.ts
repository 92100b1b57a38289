import type { Type } from '@nestjs/common';
import { ContractValidationPipe } from './contract-validation.pipe.js';

const pipe = new ContractValidationPipe();

/**
 * Validates a body the way `@Body()` would, for a route that takes either a multipart file or
 * JSON and so cannot declare one body type.
 */
export async function parseBody<T extends object>(type: Type<T>, body: unknown): Promise<T> {
  return (await pipe.transform(body ?? {}, { type: 'body', metatype: type })) as T;
}
