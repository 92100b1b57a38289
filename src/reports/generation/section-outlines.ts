import { ReportType } from '../report-type.js';

/** What each kind of report is for, in the words a writer (template or LLM) is given. */
export const REPORT_PURPOSE: Record<ReportType, { name: string; purpose: string }> = {
  [ReportType.Feasibility]: {
    name: 'Feasibility report',
    purpose: 'assesses whether the opportunity can and should be pursued',
  },
  [ReportType.TechnicalScope]: {
    name: 'Technical scope',
    purpose: 'defines what will be built, with what, and within which limits',
  },
  [ReportType.CommercialProposal]: {
    name: 'Commercial proposal',
    purpose: 'offers the customer a solution with its scope, price and terms',
  },
};

/** The sub-headings a section covers, by title; titles not listed get GENERIC_OUTLINE. */
const OUTLINES: Record<string, readonly string[]> = {
  'Executive Summary': ['Context', 'Key findings', 'Recommendation'],
  'Project Overview': ['Background', 'Objectives', 'Scope'],
  'Business Requirements': ['Business goals', 'Functional needs', 'Success criteria'],
  'Technical Assessment': ['Current capabilities', 'Technical fit', 'Gaps'],
  'Resource Assessment': ['People', 'Skills', 'Infrastructure'],
  'Cost-Benefit Analysis': ['Costs', 'Benefits', 'Return on investment'],
  'Risk Assessment': ['Key risks', 'Likelihood and impact', 'Mitigations'],
  'Alternative Solutions': ['Options considered', 'Comparison', 'Preferred option'],
  'Timeline Feasibility': ['Milestones', 'Critical path', 'Constraints'],
  'Stakeholder Analysis': ['Stakeholders', 'Interests', 'Engagement plan'],
  Recommendations: ['Recommendation', 'Rationale', 'Next steps'],
  Appendix: ['Glossary', 'References', 'Supporting data'],
  'Company Background': ['Company profile', 'Market', 'Relevant history'],
  'Current State Analysis': ['Systems in place', 'Pain points', 'Constraints'],
  'Requirements Overview': ['Functional requirements', 'Non-functional requirements', 'Priorities'],
  'Proposed Solution': ['Approach', 'Architecture', 'Expected outcomes'],
  'Technology Stack': ['Platforms', 'Languages and frameworks', 'Hosting'],
  'Integration Points': ['Systems to integrate', 'Interfaces', 'Data flows'],
  'Security & Compliance': ['Data protection', 'Access control', 'Regulatory requirements'],
  'Implementation Timeline': ['Phases', 'Milestones', 'Dependencies'],
  'Resource Requirements': ['Team', 'Roles', 'Effort'],
  'Risks & Mitigations': ['Risks', 'Mitigations', 'Owners'],
  'Assumptions & Dependencies': ['Assumptions', 'Dependencies', 'Open questions'],
  'Client Needs': ['Challenges', 'Goals', 'Constraints'],
  'Scope of Work': ['In scope', 'Out of scope', 'Responsibilities'],
  Deliverables: ['Deliverables', 'Acceptance criteria', 'Handover'],
  Pricing: ['Pricing model', 'Breakdown', 'Options'],
  'Payment Terms': ['Schedule', 'Invoicing', 'Conditions'],
  Timeline: ['Phases', 'Milestones', 'Start date'],
  Team: ['Roles', 'Experience', 'Availability'],
  Assumptions: ['Assumptions', 'Customer responsibilities', 'Exclusions'],
  'Terms & Conditions': ['Validity', 'Warranties', 'Liability'],
  'Next Steps': ['Decision', 'Kick-off', 'Contacts'],
};

const GENERIC_OUTLINE = ['Purpose', 'Key points', 'Next steps'] as const;

export const outlineOf = (title: string): readonly string[] => OUTLINES[title] ?? GENERIC_OUTLINE;
