import type { TokenUsage } from '../../integrations/llm/llm.client.js';
import type { ReportType } from '../report-type.js';

/** What a generator needs to write or rewrite one section. */
export interface SectionBrief {
  reportType: ReportType;
  customerId: string;
  opportunityId: string;
  sectionTitle: string;
}

export interface WrittenSection {
  markdown: string;
  /** Tokens spent, when a model wrote it. */
  usage?: TokenUsage;
}

/** Writes report sections: the built-in templates, or an LLM when one is configured. */
export abstract class SectionGenerator {
  abstract generate(brief: SectionBrief, signal: AbortSignal): Promise<WrittenSection>;

  abstract refine(
    brief: SectionBrief,
    original: string,
    prompt: string,
    signal: AbortSignal,
  ): Promise<WrittenSection>;
}
