import type { ValidationIssue } from '../common/errors/app.exception.js';
import type { StagingRow } from '../staging/staging-row.entity.js';

/** The same address check as the ingest SQL (contacts-ingest.sql.ts, VALID_EMAIL). */
const VALID_EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s.]+$/;

const FIELDS = [
  ['email', 'staging_email'],
  ['firstName', 'staging_first_name'],
  ['lastName', 'staging_last_name'],
  ['company', 'staging_company'],
] as const;

/** Why a staging row could not be imported as it stands, in the request's field names. */
export function rowProblems(
  row: Pick<StagingRow, 'email' | 'firstName' | 'lastName' | 'company'>,
): ValidationIssue[] {
  const problems: ValidationIssue[] = FIELDS.filter(
    ([property]) => row[property].trim() === '',
  ).map(([, field]) => ({
    location: 'body',
    field: [field],
    message: `${field} is required`,
    type: 'missing',
  }));
  const email = row.email.trim();
  if (email !== '' && (email.length > 254 || !VALID_EMAIL.test(email))) {
    problems.push({
      location: 'body',
      field: ['staging_email'],
      message: 'value is not a valid email address',
      type: 'value_error',
    });
  }
  return problems;
}
