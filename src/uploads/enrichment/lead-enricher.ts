import type { LeadEnrichment, LeadField } from '../lead.js';

/** A lead's fields as read from its row. */
export interface LeadToEnrich {
  row: number;
  fields: Partial<Record<LeadField, string>>;
}

/**
 * Enriches one batch of leads: the built-in rules by default, an LLM when configured. Returns one
 * enrichment per lead, in order; throws `LlmError` when the provider fails, or the signal's reason
 * once the upload is cancelled (checked between leads).
 */
export abstract class LeadEnricher {
  abstract enrich(leads: LeadToEnrich[], signal: AbortSignal): Promise<LeadEnrichment[]>;
}
