import type { LeadEnrichment, StoredLead } from '../lead.js';
import { BatchState, type LeadBatch } from '../lead-batch.entity.js';

/** The columns added after the file's own, in this order. */
export const ENRICHMENT_HEADERS = [
  'enrichment_status',
  'full_name',
  'email_normalized',
  'email_valid',
  'phone_e164',
  'company_domain',
  'free_mail',
  'role_address',
  'lead_score',
  'score_reasons',
];

/** A signed number (an E.164 phone, a negative amount) is only ever a number to a spreadsheet. */
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/**
 * A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) gets a leading
 * apostrophe, so it reads as text (OWASP's advice against CSV injection).
 */
export const neutraliseFormula = (text: string): string =>
  /^[=+\-@\t\r]/.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;

const enrichmentCells = (status: string, enrichment?: LeadEnrichment): string[] =>
  enrichment
    ? [
        status,
        enrichment.fullName ?? '',
        enrichment.email ?? '',
        String(enrichment.emailValid),
        enrichment.phoneE164 ?? '',
        enrichment.companyDomain ?? '',
        String(enrichment.freeMail),
        String(enrichment.roleAddress),
        String(enrichment.score),
        enrichment.scoreReasons.join('; '),
      ]
    : [status, ...ENRICHMENT_HEADERS.slice(1).map(() => '')];

/** The result file's header row: the file's headers, then the enrichment columns. */
export const resultHeader = (headers: string[]): string[] =>
  [...headers, ...ENRICHMENT_HEADERS].map(neutraliseFormula);

/**
 * A finished batch's leads as result rows: the lead's own cells (as many as the file has headers)
 * then its enrichment; a failed batch's leads say why they have none. Pending batches (an upload
 * cancelled before them) give no rows.
 */
export function resultRows(batch: LeadBatch, width: number): string[][] {
  if (batch.state === BatchState.Pending) return [];
  const status = batch.state === BatchState.Completed ? 'ok' : `failed: ${batch.errorCode}`;
  return batch.leads.map((lead: StoredLead, index) => {
    const own = Array.from({ length: width }, (_, column) => lead.cells[column] ?? '');
    return [...own, ...enrichmentCells(status, batch.enrichment?.[index])].map(neutraliseFormula);
  });
}
