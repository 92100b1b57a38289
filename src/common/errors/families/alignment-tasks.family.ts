import { DEFAULT_CODES } from './default-codes.js';
import { describeIssues, type ErrorRenderer } from '../normalized-error.js';

/** Seed 001: `{"status":"error","message","error_code"}`, beside its `{"status":"success","data"}`. */
export const renderAlignmentTasksError: ErrorRenderer = (error) => ({
  status: error.status,
  body: {
    status: 'error',
    message: describeIssues(error),
    error_code: error.code ?? DEFAULT_CODES[error.kind],
  },
});
