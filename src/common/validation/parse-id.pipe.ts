import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { AppException } from '../errors/app.exception.js';
import { ErrorKind } from '../errors/error-kind.js';

const MAX_INT32 = 2_147_483_647;

/** A path id that must be a positive integer (a serial key); anything else is a validation error. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string, metadata: ArgumentMetadata): number {
    const id = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(id) || id < 1 || id > MAX_INT32) {
      throw new AppException(
        ErrorKind.Validation,
        `${metadata.data ?? 'id'} must be a positive integer`,
        {
          details: [
            {
              location: 'path',
              field: [metadata.data ?? 'id'],
              message: 'Input should be a valid positive integer',
              type: 'int_parsing',
            },
          ],
        },
      );
    }
    return id;
  }
}
