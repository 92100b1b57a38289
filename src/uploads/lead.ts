import type { TextEncoding } from '../common/files/text-encoding.js';

/** The lead fields a file's columns are matched to. */
export const LEAD_FIELDS = ['name', 'email', 'phone', 'company', 'title', 'website'] as const;
export type LeadField = (typeof LEAD_FIELDS)[number];

/** How a CSV file is written; detected when it is uploaded. */
export interface CsvDialect {
  encoding: TextEncoding;
  delimiter: string;
}

/** Where each lead field is in a file: its header row and the column index of each field found. */
export interface SheetLayout {
  /** The header row's number (rows above it are blank). */
  headerRow: number;
  headers: string[];
  columns: Partial<Record<LeadField, number>>;
  csv?: CsvDialect;
}

/** One lead as its batch stores it: its row number in the file and every cell of that row. */
export interface StoredLead {
  row: number;
  cells: string[];
}

/** What an enrichment provider says about one lead. */
export interface LeadEnrichment {
  fullName: string | null;
  /** Lower-cased and trimmed when valid, else null. */
  email: string | null;
  emailValid: boolean;
  phoneE164: string | null;
  companyDomain: string | null;
  freeMail: boolean;
  roleAddress: boolean;
  /** 0–100. */
  score: number;
  scoreReasons: string[];
}

/** The lead's fields, read from its cells through the layout. */
export function leadFields(
  layout: SheetLayout,
  lead: StoredLead,
): Partial<Record<LeadField, string>> {
  const fields: Partial<Record<LeadField, string>> = {};
  for (const field of LEAD_FIELDS) {
    const index = layout.columns[field];
    const value = index === undefined ? '' : (lead.cells[index] ?? '').trim();
    if (value !== '') fields[field] = value;
  }
  return fields;
}
