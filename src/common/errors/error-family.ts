import type { Request } from 'express';
import { renderAlignmentTasksError } from './families/alignment-tasks.family.js';
import { renderContactsIngestionError } from './families/contacts-ingestion.family.js';
import { renderLeadStatusError } from './families/lead-status.family.js';
import { renderReportSectionsError } from './families/report-sections.family.js';
import { renderResultFlowError } from './families/result-flow.family.js';
import type { ErrorRenderer } from './normalized-error.js';

/** The five error shapes, one per contract (DESIGN.md "Error shapes"). */
export enum ErrorFamily {
  LeadStatus = 'lead-status',
  AlignmentTasks = 'alignment-tasks',
  ContactsIngestion = 'contacts-ingestion',
  ReportSections = 'report-sections',
  ResultFlow = 'result-flow',
}

export const ERROR_RENDERERS: Record<ErrorFamily, ErrorRenderer> = {
  [ErrorFamily.LeadStatus]: renderLeadStatusError,
  [ErrorFamily.AlignmentTasks]: renderAlignmentTasksError,
  [ErrorFamily.ContactsIngestion]: renderContactsIngestionError,
  [ErrorFamily.ReportSections]: renderReportSectionsError,
  [ErrorFamily.ResultFlow]: renderResultFlowError,
};

/** Routes that belong to no contract (health, docs, unknown paths) answer in seed 004's generic shape. */
export const PLATFORM_ERROR_FAMILY = ErrorFamily.ResultFlow;

/** A fixed family, or one chosen per request where two contracts share a path (`/status/{id}`). */
export type ErrorFamilySelector = ErrorFamily | ((request: Request) => ErrorFamily);
