import type { ValidationIssue } from './app.exception.js';
import type { ErrorKind } from './error-kind.js';

/** An error reduced to what a family needs to render it. */
export interface NormalizedError {
  kind: ErrorKind;
  status: number;
  message: string;
  code?: string;
  details?: ValidationIssue[] | Record<string, unknown>;
  headers: Record<string, string>;
  path: string;
  timestamp: string;
}

export interface RenderedError {
  status: number;
  body: unknown;
}

export type ErrorRenderer = (error: NormalizedError) => RenderedError;

export const isIssueList = (details: NormalizedError['details']): details is ValidationIssue[] =>
  Array.isArray(details);

/** A short sentence naming the failing fields, for families whose shape has no details. */
export function describeIssues(error: NormalizedError): string {
  if (!isIssueList(error.details) || error.details.length === 0) return error.message;
  return error.details
    .map((issue) => `${[issue.location, ...issue.field].join('.')}: ${issue.message}`)
    .join('; ');
}
