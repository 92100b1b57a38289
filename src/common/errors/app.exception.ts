import { ErrorKind } from './error-kind.js';

/** One field-level validation failure, in the terms every family can render. */
export interface ValidationIssue {
  /** Where the value came from: body, query, path or header. */
  location: string;
  /** Path to the value inside its location, e.g. `['items', '0', 'email']`. */
  field: string[];
  message: string;
  /** Machine-readable reason, e.g. `isEmail`, `missing`. */
  type: string;
}

export interface AppExceptionOptions {
  /** The contract's own code (`UPLOAD_NOT_FOUND`, `JOB_NOT_FOUND`); else the family's default for the kind. */
  code?: string;
  /** Overrides the status the kind implies, where a contract says so. */
  status?: number;
  details?: ValidationIssue[] | Record<string, unknown>;
  headers?: Record<string, string>;
  cause?: unknown;
}

/** The only error a handler throws: a kind, a message fit for the client, and options. */
export class AppException extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly options: AppExceptionOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppException';
  }
}

export const notFound = (message: string, code?: string): AppException =>
  new AppException(ErrorKind.NotFound, message, { code });
export const badRequest = (message: string, code?: string): AppException =>
  new AppException(ErrorKind.BadRequest, message, { code });
export const conflict = (message: string, code?: string): AppException =>
  new AppException(ErrorKind.Conflict, message, { code });
/** Field-level failures, from the validation pipe or a check it cannot express. */
export const validationFailed = (...issues: ValidationIssue[]): AppException =>
  new AppException(ErrorKind.Validation, 'Request validation failed', { details: issues });
