import type { CountryCode } from 'libphonenumber-js';
import type { LeadEnrichment } from '../lead.js';
import { LeadEnricher, type LeadToEnrich } from './lead-enricher.js';
import { enrichLead } from './lead-rules.js';

/** Rules only, no network: deterministic, and fast enough to run inline. */
export class BuiltinLeadEnricher extends LeadEnricher {
  constructor(private readonly phoneRegion: CountryCode) {
    super();
  }

  enrich(leads: LeadToEnrich[], signal: AbortSignal): Promise<LeadEnrichment[]> {
    const enriched: LeadEnrichment[] = [];
    for (const lead of leads) {
      signal.throwIfAborted();
      enriched.push(enrichLead(lead, this.phoneRegion));
    }
    return Promise.resolve(enriched);
  }
}
