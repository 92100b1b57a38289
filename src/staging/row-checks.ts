/**
 * The per-row checks of a contact row, shared by the import (while copying) and by review (before a
 * row may be approved). The address pattern is also run by Postgres (as `~ $n`): it is written in
 * the syntax both regular-expression engines read the same way.
 */
export const EMAIL_PATTERN = '^[^@\\s]+@[^@\\s]+\\.[^@\\s.]+$';
export const MAX_EMAIL_LENGTH = 254;

const EMAIL = new RegExp(EMAIL_PATTERN);

export interface ContactFields {
  email: string;
  firstName: string;
  lastName: string;
  company: string;
}

export const REQUIRED_FIELDS = [
  ['email', 'email'],
  ['firstName', 'first_name'],
  ['lastName', 'last_name'],
  ['company', 'company'],
] as const;

export const isValidEmail = (email: string): boolean =>
  email.length <= MAX_EMAIL_LENGTH && EMAIL.test(email);

/** The CSV names of the required fields that are empty. */
export const missingFields = (row: ContactFields): string[] =>
  REQUIRED_FIELDS.filter(([property]) => row[property] === '').map(([, column]) => column);

/** Whether the row can be imported as it stands (values already trimmed). On the import's hot path. */
export const passesChecks = (row: ContactFields): boolean =>
  row.email !== '' &&
  row.firstName !== '' &&
  row.lastName !== '' &&
  row.company !== '' &&
  isValidEmail(row.email);
