/** Seed 003's report types, spelled as the contract spells them. */
export enum ReportType {
  Feasibility = 'Feasibility_report',
  TechnicalScope = 'Technical_scope',
  CommercialProposal = 'Commercial_proposal',
}

/** The canonical section titles the seed lists; `Commercial_proposal` titles come from settings. */
export const CANONICAL_TITLES: Record<
  Exclude<ReportType, ReportType.CommercialProposal>,
  readonly string[]
> = {
  [ReportType.Feasibility]: [
    'Executive Summary',
    'Project Overview',
    'Business Requirements',
    'Technical Assessment',
    'Resource Assessment',
    'Cost-Benefit Analysis',
    'Risk Assessment',
    'Alternative Solutions',
    'Timeline Feasibility',
    'Stakeholder Analysis',
    'Recommendations',
    'Appendix',
  ],
  [ReportType.TechnicalScope]: [
    'Executive Summary',
    'Company Background',
    'Current State Analysis',
    'Requirements Overview',
    'Proposed Solution',
    'Technology Stack',
    'Integration Points',
    'Security & Compliance',
    'Implementation Timeline',
    'Resource Requirements',
    'Risks & Mitigations',
    'Assumptions & Dependencies',
  ],
};
