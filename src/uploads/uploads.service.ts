import { randomUUID } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Queue } from 'bullmq';
import { isUUID } from 'class-validator';
import { AppException, badRequest, conflict, notFound } from '../common/errors/app.exception.js';
import { ErrorKind } from '../common/errors/error-kind.js';
import { fileTooLarge } from '../common/files/file-size.js';
import { receiveToTempFile, type TempFile } from '../common/files/temp-file.js';
import { type Env, StorageDriver } from '../config/env.js';
import { QueueName } from '../queue/queue-name.enum.js';
import { ReconcilerService } from '../queue/reconciler.service.js';
import { RetentionService } from '../queue/retention.service.js';
import { Storage } from '../storage/storage.js';
import { UrlSigner } from '../storage/url-signer.js';
import { inspectLeadFile, leadFileFormat } from './file/lead-file-inspector.js';
import type { SheetLayout } from './lead.js';
import { LeadBatchesService } from './lead-batches.service.js';
import type { LeadUpload } from './lead-upload.entity.js';
import { LeadUploadsService } from './lead-uploads.service.js';
import { batchJobId, type LeadBatchJob, type LeadFileJob } from './processing/lead-jobs.js';
import { resultHeader, resultRows } from './result/result-rows.js';
import { writeResultFile } from './result/result-writer.js';
import { UploadFormat, UploadStatus } from './upload-state.js';

/** A file received in the request, on local disk until it is stored. */
export interface ReceivedFile {
  originalName: string;
  path: string;
  size: number;
}

export interface PendingUpload {
  upload: LeadUpload;
  uploadUrl: string;
  expiresAt: Date;
}

export interface ResultFile {
  fileName: string;
  contentType: string;
  body: Readable;
}

/** Batches read per query while a result file is written. */
const RESULT_BATCHES_PER_READ = 500;

const CONTENT_TYPES: Record<UploadFormat, string> = {
  [UploadFormat.Xlsx]: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  [UploadFormat.Csv]: 'text/csv; charset=utf-8',
};

const uploadNotFound = (): AppException =>
  notFound('Upload ID not found or has expired', 'UPLOAD_NOT_FOUND');

const storageKeyOf = (id: string, format: UploadFormat): string =>
  `lead-uploads/${id}/source.${format}`;

/** What our own upload URL's signature covers: the upload, whatever its format. */
const signedUploadKey = (id: string): string => `lead-uploads/${id}`;

function assertUploadId(id: string): void {
  if (!isUUID(id)) throw badRequest('Upload ID format is invalid', 'INVALID_UPLOAD_ID');
}

/** Seed 000: lead uploads, from the stored file to the enriched result. */
@Injectable()
export class UploadsService implements OnModuleInit {
  private readonly logger = new Logger(UploadsService.name);
  private readonly maxFileBytes: number;
  private readonly maxUncompressedBytes: number;
  private readonly presignsS3: boolean;

  constructor(
    private readonly uploads: LeadUploadsService,
    private readonly batches: LeadBatchesService,
    private readonly storage: Storage,
    private readonly signer: UrlSigner,
    private readonly config: ConfigService<Env, true>,
    @InjectQueue(QueueName.LeadFiles) private readonly fileQueue: Queue<LeadFileJob>,
    @InjectQueue(QueueName.LeadBatches) private readonly batchQueue: Queue<LeadBatchJob>,
    private readonly reconciler: ReconcilerService,
    private readonly retention: RetentionService,
  ) {
    this.maxFileBytes = config.get('LEAD_MAX_FILE_BYTES', { infer: true });
    this.maxUncompressedBytes = config.get('LEAD_MAX_UNCOMPRESSED_BYTES', { infer: true });
    this.presignsS3 = config.get('STORAGE_DRIVER', { infer: true }) === StorageDriver.S3;
  }

  onModuleInit(): void {
    this.reconciler.register({
      name: QueueName.LeadFiles,
      queue: this.fileQueue,
      findUnfinished: async () =>
        (await this.uploads.findUnfinished()).map(({ id }) => ({
          name: 'file',
          jobId: id,
          data: { uploadId: id },
        })),
    });
    this.retention.register({
      name: 'lead-uploads',
      purgeExpired: async (now) => {
        const keys = await this.uploads.purgeExpired(now);
        await Promise.all(keys.map((key) => this.storage.delete(key).catch(() => undefined)));
        return keys.length;
      },
    });
  }

  /** One-shot: the file came with the request; it is checked, stored and queued. */
  async uploadFile(userId: string, file: ReceivedFile): Promise<LeadUpload> {
    const format = leadFileFormat(file.originalName);
    const layout = await inspectLeadFile(file.path, file.size, format, this.maxUncompressedBytes);
    const id = randomUUID();
    const storageKey = storageKeyOf(id, format);
    const stored = await this.storage.putFile(storageKey, file.path);
    const upload = await this.uploads
      .create({
        id,
        userId,
        fileName: file.originalName,
        fileSize: stored.size,
        format,
        storageKey,
        layout,
      })
      .catch(async (error: unknown) => {
        await this.storage.delete(storageKey).catch(() => undefined);
        throw error;
      });
    await this.queueFile(id);
    return upload;
  }

  /** Two-step, first step: the record, in `uploading`, and a URL to PUT the body to. */
  async createPending(userId: string, fileName: string, fileSize: number): Promise<PendingUpload> {
    const format = leadFileFormat(fileName);
    if (fileSize > this.maxFileBytes) throw fileTooLarge(this.maxFileBytes);
    const id = randomUUID();
    const upload = await this.uploads.create({
      id,
      userId,
      fileName,
      fileSize,
      format,
      storageKey: storageKeyOf(id, format),
    });
    const ttlSeconds = this.config.get('SIGNED_URL_TTL_SECONDS', { infer: true });
    const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
    const uploadUrl = this.presignsS3
      ? await this.storage.signedUrl(upload.storageKey, 'PUT', ttlSeconds)
      : this.localUploadUrl(id, Math.floor(expiresAt.getTime() / 1000));
    return { upload, uploadUrl, expiresAt };
  }

  /** Two-step, second step (our own signed URL): the body, checked, stored and queued. */
  async receiveBody(
    id: string,
    expires: number,
    signature: string,
    body: Readable,
  ): Promise<LeadUpload> {
    if (!isUUID(id) || !this.signer.verify('PUT', signedUploadKey(id), expires, signature)) {
      throw new AppException(ErrorKind.Forbidden, 'The upload URL is invalid or has expired', {
        code: 'INVALID_SIGNATURE',
      });
    }
    const upload = await this.awaitingBody(id);
    const file = await receiveToTempFile(body, this.maxFileBytes);
    try {
      const layout = await this.inspect(upload, file);
      await this.storage.putFile(upload.storageKey, file.path);
      return await this.accept(upload, file.size, layout);
    } finally {
      await file.remove();
    }
  }

  /** Two-step with S3: the client says the PUT is done (or a status poll finds the object). */
  async completeFromStorage(userId: string, id: string): Promise<LeadUpload> {
    const upload = await this.find(userId, id);
    if (upload.status !== UploadStatus.Uploading) return upload;
    if ((await this.storage.size(upload.storageKey)) === undefined) {
      throw badRequest('The file has not been uploaded to the upload URL yet', 'UPLOAD_INCOMPLETE');
    }
    return this.ingestStored(upload);
  }

  /** The user's upload; not a UUID → 400 INVALID_UPLOAD_ID; else unknown, expired or not theirs → 404. */
  async find(userId: string, id: string): Promise<LeadUpload> {
    assertUploadId(id);
    const upload = await this.uploads.findOwned(id, userId);
    if (!upload) throw uploadNotFound();
    return upload;
  }

  /** Like `find`; with S3, an upload still `uploading` whose object has arrived moves on. */
  async status(userId: string, id: string): Promise<LeadUpload> {
    const upload = await this.find(userId, id);
    if (!this.presignsS3 || upload.status !== UploadStatus.Uploading) return upload;
    if ((await this.storage.size(upload.storageKey)) === undefined) return upload;
    return this.ingestStored(upload).catch((error: unknown) => {
      this.logger.warn({ error, upload_id: id }, 'the uploaded object was not accepted');
      return this.find(userId, id);
    });
  }

  list(userId: string, limit: number, offset: number): Promise<[LeadUpload[], number]> {
    return this.uploads.list(userId, limit, offset);
  }

  /** Stops the upload: no batch starts after this, waiting ones leave the queue, done ones stay. */
  async cancel(userId: string, id: string): Promise<void> {
    assertUploadId(id);
    const outcome = await this.uploads.cancel(id, userId);
    if (outcome === 'missing') throw uploadNotFound();
    if (outcome === 'finished') {
      throw badRequest(
        'Operation cannot be cancelled: the upload has already finished',
        'CANNOT_CANCEL',
      );
    }
    void this.dequeue(id).catch((error: unknown) =>
      this.logger.warn(
        { error, upload_id: id },
        'could not remove waiting jobs of a cancelled upload',
      ),
    );
  }

  /** The enriched leads as a file in the uploaded format: completed uploads, or the part done of cancelled ones. */
  async result(userId: string, id: string): Promise<ResultFile> {
    const upload = await this.find(userId, id);
    if (upload.status !== UploadStatus.Completed && upload.status !== UploadStatus.Cancelled) {
      throw conflict(
        `The result is available once the upload is completed or cancelled; it is ${upload.status}`,
        'RESULT_NOT_READY',
      );
    }
    const body = new PassThrough();
    writeResultFile(upload.format, this.resultRows(upload), body).catch((error: unknown) => {
      this.logger.error({ error, upload_id: id }, 'result file failed');
      body.destroy(error as Error);
    });
    const base = upload.fileName.replace(/\.(xlsx|csv)$/i, '');
    return {
      fileName: `${base}-enriched.${upload.format}`,
      contentType: CONTENT_TYPES[upload.format],
      body,
    };
  }

  private async *resultRows(upload: LeadUpload): AsyncGenerator<string[]> {
    const headers = upload.layout?.headers ?? [];
    yield resultHeader(headers);
    let after = -1;
    for (;;) {
      const page = await this.batches.inFileOrder(upload.id, after, RESULT_BATCHES_PER_READ);
      for (const batch of page) yield* resultRows(batch, headers.length);
      if (page.length < RESULT_BATCHES_PER_READ) return;
      after = page[page.length - 1].batchNo;
    }
  }

  private async awaitingBody(id: string): Promise<LeadUpload> {
    const upload = await this.uploads.findById(id);
    if (!upload) throw uploadNotFound();
    if (upload.status !== UploadStatus.Uploading) {
      throw conflict(`The upload already has its file; it is ${upload.status}`, 'ALREADY_UPLOADED');
    }
    return upload;
  }

  /**
   * The object a presigned PUT left in storage, checked and accepted. A refused one is deleted, so
   * the client can PUT a good file to the same URL.
   */
  private async ingestStored(upload: LeadUpload): Promise<LeadUpload> {
    let file: TempFile | undefined;
    let layout: SheetLayout;
    try {
      file = await receiveToTempFile(await this.storage.get(upload.storageKey), this.maxFileBytes);
      layout = await this.inspect(upload, file);
    } catch (error) {
      await file?.remove();
      await this.storage.delete(upload.storageKey);
      throw error;
    }
    try {
      return await this.accept(upload, file.size, layout);
    } finally {
      await file.remove();
    }
  }

  private inspect(upload: LeadUpload, file: TempFile): Promise<SheetLayout> {
    return inspectLeadFile(file.path, file.size, upload.format, this.maxUncompressedBytes);
  }

  private async accept(upload: LeadUpload, size: number, layout: SheetLayout): Promise<LeadUpload> {
    const uploaded = await this.uploads.markUploaded(upload.id, size, layout);
    if (!uploaded) {
      throw conflict('The upload is no longer waiting for its file', 'ALREADY_UPLOADED');
    }
    await this.queueFile(upload.id);
    return uploaded;
  }

  /** Queues the file stage; a lost enqueue (Redis down) is repaired by the reconciler. */
  private async queueFile(id: string): Promise<void> {
    await this.fileQueue
      .add('file', { uploadId: id }, { jobId: id })
      .catch((error: unknown) =>
        this.logger.warn(
          { error, upload_id: id },
          'enqueue failed; the reconciler will queue the upload',
        ),
      );
  }

  private async dequeue(id: string): Promise<void> {
    await this.fileQueue.remove(id);
    const pending = await this.batches.pendingNumbers(id);
    for (let start = 0; start < pending.length; start += 100) {
      await Promise.all(
        pending
          .slice(start, start + 100)
          .map((batchNo) => this.batchQueue.remove(batchJobId(id, batchNo))),
      );
    }
  }

  private localUploadUrl(id: string, expires: number): string {
    const url = new URL(`/uploads/${id}/file`, this.config.get('PUBLIC_URL', { infer: true }));
    url.searchParams.set('expires', String(expires));
    url.searchParams.set('signature', this.signer.sign('PUT', signedUploadKey(id), expires));
    return url.toString();
  }
}
