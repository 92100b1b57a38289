import { LEAD_FIELDS, type LeadField, type SheetLayout } from '../lead.js';

/** Header names accepted for each lead field, compared case-, space- and punctuation-insensitively. */
const ALIASES: Record<LeadField, string[]> = {
  name: ['name', 'full name', 'contact name', 'contact', 'lead name', 'person'],
  email: ['email', 'e-mail', 'email address', 'e-mail address', 'mail', 'work email'],
  phone: ['phone', 'phone number', 'telephone', 'tel', 'mobile', 'cell', 'mobile phone'],
  company: ['company', 'company name', 'organization', 'organisation', 'account', 'employer'],
  title: ['title', 'job title', 'position', 'role', 'job role'],
  website: ['website', 'web site', 'url', 'domain', 'homepage', 'company website', 'site'],
};

const squash = (header: string): string => header.toLowerCase().replace(/[^a-z0-9]/g, '');

const FIELD_BY_ALIAS = new Map<string, LeadField>(
  LEAD_FIELDS.flatMap((field) => ALIASES[field].map((alias) => [squash(alias), field] as const)),
);

/** The header row's layout: each lead field's first matching column. */
export function matchLeadColumns(headers: string[]): SheetLayout['columns'] {
  const columns: SheetLayout['columns'] = {};
  headers.forEach((header, index) => {
    const field = FIELD_BY_ALIAS.get(squash(header));
    if (field && columns[field] === undefined) columns[field] = index;
  });
  return columns;
}

export const LEAD_COLUMN_HINT = LEAD_FIELDS.map((field) => ALIASES[field][0]).join(', ');
