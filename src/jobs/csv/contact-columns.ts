/** The columns a contacts CSV must have, and the header spellings accepted for each (seed 002). */
export const CONTACT_COLUMNS = ['email', 'first_name', 'last_name', 'company'] as const;
export type ContactColumn = (typeof CONTACT_COLUMNS)[number];

const ALIASES: Record<ContactColumn, readonly string[]> = {
  email: ['email', 'e-mail', 'e_mail', 'email_address'],
  first_name: ['first_name', 'firstname', 'first name', 'nome', 'fname'],
  last_name: ['last_name', 'lastname', 'last name', 'sobrenome', 'lname'],
  company: ['company', 'empresa', 'organization', 'org', 'company_name'],
};

export type ColumnIndexes = Record<ContactColumn, number>;

export interface HeaderMatch {
  indexes: Partial<ColumnIndexes>;
  missing: ContactColumn[];
}

const normalizeHeader = (header: string): string =>
  header
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase();

/** Finds each required column in a header row: case-insensitive, trimmed, first match wins. */
export function matchHeaders(headers: string[]): HeaderMatch {
  const normalized = headers.map(normalizeHeader);
  const indexes: Partial<ColumnIndexes> = {};
  const missing: ContactColumn[] = [];
  for (const column of CONTACT_COLUMNS) {
    const index = normalized.findIndex((header) => ALIASES[column].includes(header));
    if (index === -1) missing.push(column);
    else indexes[column] = index;
  }
  return { indexes, missing };
}
