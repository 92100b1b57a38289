import { mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  mixin,
  type NestInterceptor,
  PayloadTooLargeException,
  type Type,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Request } from 'express';
import multer from 'multer';
import { finalize, type Observable } from 'rxjs';
import type { Env } from '../../config/env.js';
import { AppException } from '../errors/app.exception.js';
import { ErrorKind } from '../errors/error-kind.js';
import { fileTooLarge, TEMP_DIR } from './file-size.js';

type SizeLimitSetting = 'INGEST_MAX_FILE_BYTES' | 'LEAD_MAX_FILE_BYTES';

export interface FileUploadOptions {
  /** The setting that caps the file's size. */
  maxBytes: SizeLimitSetting;
  /** What the file is, for the message when it is missing ("A CSV file"). */
  describe: string;
  /** When false, a request that is not multipart passes through (the route takes JSON too). */
  required: boolean;
}

/**
 * Receives the multipart `file` to a temporary file (never whole in memory), enforcing the size
 * limit while it streams, and removes the temporary file when the request is done.
 */
export function FileUploadInterceptor(options: FileUploadOptions): Type<NestInterceptor> {
  @Injectable()
  class FileUpload implements NestInterceptor {
    private readonly upload: ReturnType<multer.Multer['single']>;
    private readonly maxBytes: number;

    constructor(config: ConfigService<Env, true>) {
      mkdirSync(TEMP_DIR, { recursive: true });
      this.maxBytes = config.get(options.maxBytes, { infer: true });
      this.upload = multer({
        storage: multer.diskStorage({ destination: TEMP_DIR }),
        limits: { fileSize: this.maxBytes, files: 1, fields: 10, parts: 12 },
      }).single('file');
    }

    async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      const http = context.switchToHttp();
      const request = http.getRequest<Request>();
      if (!options.required && !request.is('multipart/form-data')) return next.handle();
      await new Promise<void>((done, fail) =>
        this.upload(request, http.getResponse(), (error: unknown) =>
          error ? fail(this.explain(error)) : done(),
        ),
      );
      const cleanup = () =>
        request.file ? rm(request.file.path, { force: true }) : Promise.resolve();
      if (!request.file) {
        await cleanup();
        throw new AppException(
          ErrorKind.Validation,
          `${options.describe} is required in the multipart field 'file'`,
          {
            details: [
              { location: 'body', field: ['file'], message: 'Field required', type: 'missing' },
            ],
          },
        );
      }
      return next.handle().pipe(finalize(() => void cleanup()));
    }

    private explain(error: unknown): unknown {
      const code = (error as { code?: string }).code;
      if (code === 'LIMIT_FILE_SIZE' || error instanceof PayloadTooLargeException) {
        return fileTooLarge(this.maxBytes);
      }
      if (code?.startsWith('LIMIT_') || error instanceof Error) {
        return new AppException(
          ErrorKind.BadRequest,
          `Malformed upload: ${(error as Error).message}`,
        );
      }
      return error;
    }
  }
  return mixin(FileUpload);
}
