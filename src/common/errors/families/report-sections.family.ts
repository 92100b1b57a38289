import { ErrorKind } from '../error-kind.js';
import { DEFAULT_CODES } from './default-codes.js';
import { isIssueList, type ErrorRenderer } from '../normalized-error.js';
import { toPydanticDetails } from './pydantic-details.js';

/** The seed names one 401 code, and keeps storage details out of error codes. */
const CODES: Record<ErrorKind, string> = {
  ...DEFAULT_CODES,
  [ErrorKind.TokenExpired]: 'UNAUTHORIZED',
  [ErrorKind.InvalidToken]: 'UNAUTHORIZED',
  [ErrorKind.Database]: 'INTERNAL_ERROR',
};

/** Seed 003: the envelope `{"status":"error","message","data":{"error_code","path"}}`; 422 adds `details`. */
export const renderReportSectionsError: ErrorRenderer = (error) => ({
  status: error.status,
  body: {
    status: 'error',
    message: error.message,
    data: {
      error_code: error.code ?? CODES[error.kind],
      path: error.path,
      ...(isIssueList(error.details) ? { details: toPydanticDetails(error.details) } : {}),
    },
  },
});
