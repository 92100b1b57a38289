import { type ArgumentMetadata, Injectable, ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { AppException, type ValidationIssue, validationFailed } from '../errors/app.exception.js';

const LOCATIONS: Record<ArgumentMetadata['type'], string> = {
  body: 'body',
  query: 'query',
  param: 'path',
  custom: 'header',
};

function flatten(
  errors: ValidationError[],
  location: string,
  parent: string[] = [],
): ValidationIssue[] {
  return errors.flatMap((error) => {
    const field = [...parent, error.property];
    const own = Object.entries(error.constraints ?? {}).map(([type, message]) => ({
      location,
      field,
      message,
      type,
    }));
    return [...own, ...flatten(error.children ?? [], location, field)];
  });
}

/**
 * Nest's ValidationPipe, with failures raised as one `Validation` error that lists every field and
 * where it came from, so each family can render it (422 details, or a 400 sentence).
 */
@Injectable()
export class ContractValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
      exceptionFactory: (errors) => validationFailed(...flatten(errors, 'body')),
    });
  }

  /** Path ids stay strings here: `ParseIdPipe` parses them strictly (`Number('1e3')` would be 1000). */
  protected override transformPrimitive(value: unknown, metadata: ArgumentMetadata): unknown {
    return metadata.type === 'param' ? value : super.transformPrimitive(value, metadata);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof AppException && Array.isArray(error.options.details)) {
        const location = LOCATIONS[metadata.type];
        for (const issue of error.options.details) issue.location = location;
      }
      throw error;
    }
  }
}
