import type { Request } from 'express';
import { ErrorFamily } from '../common/errors/error-family.js';

/**
 * `/status/{id}` serves two contracts (DESIGN.md): a caller presenting `X-API-Key` is a seed-003
 * client polling a section job; any other caller is a seed-000 client with a bearer token.
 */
export const isSectionCaller = (request: Request): boolean =>
  request.headers['x-api-key'] !== undefined;

/** Errors answer in the caller's contract, so nothing of the other contract leaks. */
export const statusErrorFamily = (request: Request): ErrorFamily =>
  isSectionCaller(request) ? ErrorFamily.ReportSections : ErrorFamily.LeadStatus;
