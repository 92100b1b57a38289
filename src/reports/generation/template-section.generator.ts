import { REPORT_PURPOSE, outlineOf } from './section-outlines.js';
import { type SectionBrief, SectionGenerator, type WrittenSection } from './section-generator.js';

const TEMPLATE_NOTICE =
  '> Template output: written by the built-in generator from a fixed outline, not by a language model.';

/** Sentences end at `.`, `!` or `?` followed by a space. */
const sentencesOf = (paragraph: string): string[] =>
  paragraph.split(/(?<=[.!?])\s+/).filter((sentence) => sentence.trim() !== '');

/** Prose paragraphs (not headings, quotes, lists or rules), rewritten by `rewrite`. */
const rewriteProse = (markdown: string, rewrite: (paragraph: string) => string): string =>
  markdown
    .split(/\n{2,}/)
    .map((block) => (/^(#|>|-|\*|\d+\.|---)/.test(block.trimStart()) ? block : rewrite(block)))
    .join('\n\n');

/**
 * The default generator: deterministic, well-formed markdown with no network. The same brief
 * always gives the same section, and refinement applies the prompt in a way a reader can see.
 */
export class TemplateSectionGenerator extends SectionGenerator {
  generate(brief: SectionBrief): Promise<WrittenSection> {
    const report = REPORT_PURPOSE[brief.reportType];
    const parts = [
      `# ${brief.sectionTitle}`,
      TEMPLATE_NOTICE,
      `**Report:** ${report.name} · **Customer:** ${brief.customerId} · **Opportunity:** ${brief.opportunityId}`,
      `This section of the ${report.name.toLowerCase()} for customer ${brief.customerId} ` +
        `(opportunity ${brief.opportunityId}) belongs to a document that ${report.purpose}.`,
      ...outlineOf(brief.sectionTitle).flatMap((heading) => [
        `## ${heading}`,
        `${heading} for opportunity ${brief.opportunityId}: to be completed with the customer's details. ` +
          `Record what is known, what is assumed, and who confirms it.`,
      ]),
    ];
    return Promise.resolve({ markdown: `${parts.join('\n\n')}\n` });
  }

  /**
   * Keeps the original and applies the prompt visibly: "shorter"/"concise" keeps each paragraph's
   * first sentence, "bullet" turns paragraphs into bullet lists, and a revision note quotes the prompt.
   */
  refine(_brief: SectionBrief, original: string, prompt: string): Promise<WrittenSection> {
    const wanted = prompt.toLowerCase();
    let markdown = original.trim();
    if (/\b(shorter|concise|shorten|brief)\b/.test(wanted)) {
      markdown = rewriteProse(markdown, (paragraph) => sentencesOf(paragraph)[0] ?? paragraph);
    }
    if (/\bbullet/.test(wanted)) {
      markdown = rewriteProse(markdown, (paragraph) =>
        sentencesOf(paragraph)
          .map((sentence) => `- ${sentence}`)
          .join('\n'),
      );
    }
    const note = `> Template refinement applied for the prompt: "${prompt.replace(/\s+/g, ' ').trim()}"`;
    return Promise.resolve({ markdown: `${note}\n\n${markdown}\n` });
  }
}
