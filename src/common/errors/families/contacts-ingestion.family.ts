import { isIssueList, type ErrorRenderer } from '../normalized-error.js';
import { toPydanticDetails } from './pydantic-details.js';

/** Seed 002 (FastAPI): `{"detail": "..."}`; validation 422 `{"detail": [{loc, msg, type}]}`. */
export const renderContactsIngestionError: ErrorRenderer = (error) => ({
  status: error.status,
  body: {
    detail: isIssueList(error.details) ? toPydanticDetails(error.details) : error.message,
  },
});
