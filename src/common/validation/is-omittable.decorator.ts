import { ValidateIf } from 'class-validator';

/**
 * The field may be left out, but if present it must be valid: unlike `@IsOptional()`, an explicit
 * null is validated (and so rejected by a type check) instead of skipped.
 */
export const IsOmittable = (): PropertyDecorator =>
  ValidateIf((_object, value) => value !== undefined);
