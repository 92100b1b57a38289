import { Controller, Get, Param, Put, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppException, notFound } from '../common/errors/app.exception.js';
import { ErrorKind } from '../common/errors/error-kind.js';
import { Storage, StorageNotFoundError } from './storage.js';
import { UrlSigner } from './url-signer.js';

interface SignedQuery {
  method?: string;
  expires?: string;
  signature?: string;
}

/** Serves the local driver's signed URLs; with S3 the URLs point at S3 and this is not mounted. */
@ApiExcludeController()
@Controller('storage')
export class StorageController {
  constructor(
    private readonly storage: Storage,
    private readonly signer: UrlSigner,
  ) {}

  @Get('*key')
  async download(
    @Param('key') key: string | string[],
    @Query() query: SignedQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const path = this.authorize('GET', key, query);
    try {
      const body = await this.storage.get(path);
      response.setHeader('Content-Type', 'application/octet-stream');
      return new StreamableFile(body);
    } catch (error) {
      if (error instanceof StorageNotFoundError) throw notFound('Not found');
      throw error;
    }
  }

  @Put('*key')
  async upload(
    @Param('key') key: string | string[],
    @Query() query: SignedQuery,
    @Req() request: Request,
  ): Promise<{ key: string; size: number }> {
    const path = this.authorize('PUT', key, query);
    return this.storage.put(path, request);
  }

  private authorize(method: 'GET' | 'PUT', key: string | string[], query: SignedQuery): string {
    const path = Array.isArray(key) ? key.join('/') : key;
    const valid =
      query.method === method &&
      typeof query.signature === 'string' &&
      this.signer.verify(method, path, Number(query.expires), query.signature);
    if (!valid)
      throw new AppException(ErrorKind.Forbidden, 'The URL signature is invalid or expired');
    return path;
  }
}
