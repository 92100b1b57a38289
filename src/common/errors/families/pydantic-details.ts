import type { ValidationIssue } from '../app.exception.js';

/** FastAPI/Pydantic's error list entry, which seeds 002 and 003 return on 422. */
export interface PydanticDetail {
  loc: string[];
  msg: string;
  type: string;
}

export const toPydanticDetails = (issues: ValidationIssue[]): PydanticDetail[] =>
  issues.map((issue) => ({
    loc: [issue.location, ...issue.field],
    msg: issue.message,
    type: issue.type,
  }));
