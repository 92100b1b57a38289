import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppException } from '../errors/app.exception.js';
import { ErrorKind } from '../errors/error-kind.js';

/** Where received files wait, on local disk, until they are checked and stored. */
export const TEMP_DIR = join(tmpdir(), 'intake-uploads');

/** "5 MB" or "1000 bytes": a limit as a person would say it. */
export const describeSize = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(2)} MB` : `${bytes} bytes`;

export const fileTooLarge = (maxBytes: number): AppException =>
  new AppException(
    ErrorKind.PayloadTooLarge,
    `File too large: the limit is ${describeSize(maxBytes)}`,
  );
