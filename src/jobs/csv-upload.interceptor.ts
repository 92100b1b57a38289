import { mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  PayloadTooLargeException,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Request } from 'express';
import multer from 'multer';
import { finalize, type Observable } from 'rxjs';
import { AppException } from '../common/errors/app.exception.js';
import { ErrorKind } from '../common/errors/error-kind.js';
import type { Env } from '../config/env.js';

const UPLOAD_DIR = join(tmpdir(), 'intake-uploads');

/**
 * Receives the multipart `file` to a temporary file (never whole in memory), enforcing the size
 * limit while it streams, and removes the temporary file when the request is done.
 */
@Injectable()
export class CsvUploadInterceptor implements NestInterceptor {
  private readonly upload: ReturnType<multer.Multer['single']>;
  private readonly maxBytes: number;

  constructor(config: ConfigService<Env, true>) {
    mkdirSync(UPLOAD_DIR, { recursive: true });
    this.maxBytes = config.get('INGEST_MAX_FILE_BYTES', { infer: true });
    this.upload = multer({
      storage: multer.diskStorage({ destination: UPLOAD_DIR }),
      limits: { fileSize: this.maxBytes, files: 1, fields: 10, parts: 12 },
    }).single('file');
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
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
        "A CSV file is required in the multipart field 'file'",
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
      const limit =
        this.maxBytes >= 1024 * 1024
          ? `${+(this.maxBytes / 1024 / 1024).toFixed(2)} MB`
          : `${this.maxBytes} bytes`;
      return new AppException(ErrorKind.PayloadTooLarge, `File too large: the limit is ${limit}`);
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
