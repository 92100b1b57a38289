import { ErrorKind } from '../error-kind.js';
import { DEFAULT_CODES } from './default-codes.js';
import type { ErrorRenderer } from '../normalized-error.js';

const CODES = Object.fromEntries(
  Object.entries({ ...DEFAULT_CODES, [ErrorKind.Database]: 'INTERNAL_ERROR' }).map(
    ([kind, code]) => [kind, code.toLowerCase()],
  ),
) as Record<ErrorKind, string>;

/** Seed 004: `{"error":{"code","message","details"}}` with lower_snake codes. */
export const renderResultFlowError: ErrorRenderer = (error) => ({
  status: error.status,
  body: {
    error: {
      code: error.code ?? CODES[error.kind],
      message: error.message,
      details: error.details ?? null,
    },
  },
});
