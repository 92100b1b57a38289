import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { ErrorFamilySelector } from './error-family.js';
import { sendError } from './send-error.js';

/** The one exception filter; each instance knows how to pick its error family. */
@Catch()
export class ContractExceptionFilter implements ExceptionFilter {
  constructor(private readonly family: ErrorFamilySelector) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendError(http.getRequest<Request>(), http.getResponse<Response>(), exception, this.family);
  }
}
