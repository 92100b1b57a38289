import { ErrorKind } from '../error-kind.js';
import { DEFAULT_CODES } from './default-codes.js';
import { describeIssues, type ErrorRenderer } from '../normalized-error.js';

/** Seed 000 lists 400 as its only client-input error: a bad field, file, type or size. */
const BAD_INPUT = [ErrorKind.Validation, ErrorKind.PayloadTooLarge, ErrorKind.UnsupportedMediaType];

/** Seed 000: `{"error":{"code","message","timestamp"}}`; bad input of any sort is a 400. */
export const renderLeadStatusError: ErrorRenderer = (error) => ({
  status: BAD_INPUT.includes(error.kind) ? 400 : error.status,
  body: {
    error: {
      code: error.code ?? DEFAULT_CODES[error.kind],
      message: describeIssues(error),
      timestamp: error.timestamp,
    },
  },
});
