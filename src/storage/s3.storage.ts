import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NotFound,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Readable } from 'node:stream';
import {
  assertValidKey,
  type SignedUrlMethod,
  Storage,
  StorageNotFoundError,
  type StoredObject,
} from './storage.js';

const isMissing = (error: unknown): boolean =>
  error instanceof NoSuchKey ||
  error instanceof NotFound ||
  (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404;

/** Objects in one S3 bucket; large bodies stream up as multipart uploads; URLs are presigned. */
export class S3Storage extends Storage {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly defaultTtlSeconds: number,
  ) {
    super();
  }

  async put(key: string, body: Readable | Buffer, contentType?: string): Promise<StoredObject> {
    assertValidKey(key);
    await new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: body, ContentType: contentType },
    }).done();
    return { key, size: (await this.size(key)) ?? 0 };
  }

  async get(key: string): Promise<Readable> {
    assertValidKey(key);
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key }),
      );
      return object.Body as Readable;
    } catch (error) {
      if (isMissing(error)) throw new StorageNotFoundError(key);
      throw error;
    }
  }

  async size(key: string): Promise<number | undefined> {
    assertValidKey(key);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return head.ContentLength ?? 0;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async signedUrl(
    key: string,
    method: SignedUrlMethod,
    expiresInSeconds?: number,
  ): Promise<string> {
    assertValidKey(key);
    const command =
      method === 'GET'
        ? new GetObjectCommand({ Bucket: this.bucket, Key: key })
        : new PutObjectCommand({ Bucket: this.bucket, Key: key });
    return getSignedUrl(this.client, command, {
      expiresIn: expiresInSeconds ?? this.defaultTtlSeconds,
    });
  }
}
