import type { ChatMessage, LlmClient } from '../../integrations/llm/llm.client.js';
import { REPORT_PURPOSE, outlineOf } from './section-outlines.js';
import { type SectionBrief, SectionGenerator, type WrittenSection } from './section-generator.js';

/** The system prompt for one report type and section. */
const systemPrompt = (brief: SectionBrief, task: string): string => {
  const report = REPORT_PURPOSE[brief.reportType];
  return [
    `You are a senior consultant ${task} the "${brief.sectionTitle}" section of a ${report.name}, ` +
      `a document that ${report.purpose}.`,
    `Cover: ${outlineOf(brief.sectionTitle).join('; ')}.`,
    `Answer with the section only, in Markdown, starting with the heading "# ${brief.sectionTitle}". ` +
      'Do not invent figures; mark unknowns as to be confirmed.',
  ].join('\n');
};

const identify = (brief: SectionBrief): string =>
  `Customer id: ${brief.customerId}\nOpportunity id: ${brief.opportunityId}`;

/** Sections written by an OpenAI-compatible model. */
export class LlmSectionGenerator extends SectionGenerator {
  constructor(private readonly llm: LlmClient) {
    super();
  }

  generate(brief: SectionBrief, signal: AbortSignal): Promise<WrittenSection> {
    return this.ask(
      [
        { role: 'system', content: systemPrompt(brief, 'writing') },
        { role: 'user', content: `${identify(brief)}\n\nWrite the section.` },
      ],
      signal,
    );
  }

  refine(
    brief: SectionBrief,
    original: string,
    prompt: string,
    signal: AbortSignal,
  ): Promise<WrittenSection> {
    return this.ask(
      [
        { role: 'system', content: systemPrompt(brief, 'revising') },
        {
          role: 'user',
          content: `${identify(brief)}\n\nInstruction: ${prompt}\n\nSection to revise:\n\n${original}`,
        },
      ],
      signal,
    );
  }

  private async ask(messages: ChatMessage[], signal: AbortSignal): Promise<WrittenSection> {
    const { content, usage } = await this.llm.complete(messages, { signal });
    return { markdown: content, usage };
  }
}
