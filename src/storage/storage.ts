import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';

export type SignedUrlMethod = 'GET' | 'PUT';

export interface StoredObject {
  key: string;
  size: number;
}

/** Where uploaded files and produced results live: a local directory, or S3. */
export abstract class Storage {
  /** Writes the whole body; the object appears only once it is complete. */
  abstract put(key: string, body: Readable | Buffer, contentType?: string): Promise<StoredObject>;
  /**
   * Stores a file of this machine as the object. The file may be moved rather than copied: callers
   * do nothing more with it than remove it.
   */
  putFile(key: string, path: string, contentType?: string): Promise<StoredObject> {
    return this.put(key, createReadStream(path), contentType);
  }
  /** Throws `StorageNotFoundError` when there is no such object. */
  abstract get(key: string): Promise<Readable>;
  /** Size in bytes, or undefined when there is no such object. */
  abstract size(key: string): Promise<number | undefined>;
  /** Idempotent: deleting a missing object succeeds. */
  abstract delete(key: string): Promise<void>;
  /** A URL a client can GET or PUT the object at without other credentials, until it expires. */
  abstract signedUrl(
    key: string,
    method: SignedUrlMethod,
    expiresInSeconds?: number,
  ): Promise<string>;
}

export class StorageNotFoundError extends Error {
  constructor(key: string) {
    super(`no stored object at ${key}`);
    this.name = 'StorageNotFoundError';
  }
}

/** Keys are relative paths of plain segments: no `..`, no absolute paths, no odd characters. */
const KEY_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

export function assertValidKey(key: string): void {
  const segments = key.split('/');
  if (key.length > 1024 || segments.some((segment) => !KEY_SEGMENT.test(segment))) {
    throw new Error(`invalid storage key: ${JSON.stringify(key)}`);
  }
}
