import type { ValidationIssue } from '../common/errors/app.exception.js';
import { type ContactFields, isValidEmail, missingFields } from '../staging/row-checks.js';

/** Why a staging row could not be imported as it stands, in the request's field names. */
export function rowProblems(row: ContactFields): ValidationIssue[] {
  const trimmed = {
    email: row.email.trim(),
    firstName: row.firstName.trim(),
    lastName: row.lastName.trim(),
    company: row.company.trim(),
  };
  const problems: ValidationIssue[] = missingFields(trimmed).map((column) => ({
    location: 'body',
    field: [`staging_${column}`],
    message: `staging_${column} is required`,
    type: 'missing',
  }));
  if (trimmed.email !== '' && !isValidEmail(trimmed.email)) {
    problems.push({
      location: 'body',
      field: ['staging_email'],
      message: 'value is not a valid email address',
      type: 'value_error',
    });
  }
  return problems;
}
