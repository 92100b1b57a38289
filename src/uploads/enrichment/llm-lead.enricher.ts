import { LlmError, LlmErrorCode } from '../../integrations/llm/llm-error.js';
import type { LlmClient } from '../../integrations/llm/llm.client.js';
import type { LeadEnrichment } from '../lead.js';
import { LeadEnricher, type LeadToEnrich } from './lead-enricher.js';

const SYSTEM_PROMPT = [
  'You enrich B2B sales leads. For each lead you are given (row number and the fields found),',
  'answer one object, in the same order, with exactly these keys:',
  '"row" (the lead\'s row number), "fullName" (the person\'s name, properly capitalised, or null),',
  '"email" (lower-cased if it is a valid address, else null), "emailValid" (boolean),',
  '"phoneE164" (the phone in E.164 form, or null), "companyDomain" (the company\'s web domain from',
  'the website or a non-free-mail email, or null), "freeMail" (boolean: a consumer mailbox such as',
  'gmail.com), "roleAddress" (boolean: a mailbox of a function such as info@ or sales@),',
  '"score" (0-100: how promising the lead is for outreach), "scoreReasons" (short strings).',
  'Answer with a JSON object {"leads": [...]} and nothing else. Do not invent data.',
].join(' ');

const malformed = (why: string) =>
  new LlmError(LlmErrorCode.Failed, `The provider sent malformed enrichment: ${why}`);

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

/** Leads enriched by an OpenAI-compatible model: one request per batch, JSON per lead. */
export class LlmLeadEnricher extends LeadEnricher {
  constructor(private readonly llm: LlmClient) {
    super();
  }

  async enrich(leads: LeadToEnrich[], signal: AbortSignal): Promise<LeadEnrichment[]> {
    const completion = await this.llm.complete(
      [
        { role: 'system', content: SYSTEM_PROMPT },
        { role: 'user', content: JSON.stringify({ leads }) },
      ],
      { json: true, signal },
    );
    let answer: unknown;
    try {
      answer = JSON.parse(completion.content);
    } catch {
      throw malformed('not JSON');
    }
    const items = (answer as { leads?: unknown } | null)?.leads;
    if (!Array.isArray(items) || items.length !== leads.length) {
      throw malformed(`expected ${leads.length} leads`);
    }
    return items.map((item: Record<string, unknown> | null, index) => {
      if (typeof item !== 'object' || item === null || item.row !== leads[index].row) {
        throw malformed(`lead ${index + 1} is not row ${leads[index].row}`);
      }
      const score = Number(item.score);
      return {
        fullName: text(item.fullName),
        email: text(item.email)?.toLowerCase() ?? null,
        emailValid: item.emailValid === true,
        phoneE164: text(item.phoneE164),
        companyDomain: text(item.companyDomain)?.toLowerCase() ?? null,
        freeMail: item.freeMail === true,
        roleAddress: item.roleAddress === true,
        score: Number.isFinite(score) ? Math.max(0, Math.min(100, Math.round(score))) : 0,
        scoreReasons: Array.isArray(item.scoreReasons)
          ? item.scoreReasons.filter((reason): reason is string => typeof reason === 'string')
          : [],
      };
    });
  }
}
