import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  assertValidKey,
  type SignedUrlMethod,
  Storage,
  StorageNotFoundError,
  type StoredObject,
} from './storage.js';
import type { UrlSigner } from './url-signer.js';

/** Objects as files under one directory; writes go to a temporary file renamed into place. */
export class LocalStorage extends Storage {
  private readonly root: string;

  constructor(
    root: string,
    private readonly publicUrl: string,
    private readonly signer: UrlSigner,
    private readonly defaultTtlSeconds: number,
  ) {
    super();
    this.root = resolve(root);
  }

  async put(key: string, body: Readable | Buffer): Promise<StoredObject> {
    return this.writeInPlace(key, (partial) =>
      pipeline(Buffer.isBuffer(body) ? Readable.from([body]) : body, createWriteStream(partial)),
    );
  }

  /**
   * Renames the file into place, or copies it in the kernel when it lies on another filesystem: a
   * 63 MB upload streamed through Node took 0.22-0.25 s of CPU.
   */
  override async putFile(key: string, path: string): Promise<StoredObject> {
    const target = this.pathOf(key);
    await mkdir(dirname(target), { recursive: true });
    try {
      await rename(path, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      return this.writeInPlace(key, (partial) => copyFile(path, partial));
    }
    return { key, size: (await stat(target)).size };
  }

  /** Writes a temporary file beside the object and renames it into place once it is complete. */
  private async writeInPlace(
    key: string,
    write: (partial: string) => Promise<void>,
  ): Promise<StoredObject> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const partial = `${path}.${randomUUID()}.partial`;
    try {
      await write(partial);
      await rename(partial, path);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    return { key, size: (await stat(path)).size };
  }

  async get(key: string): Promise<Readable> {
    const path = this.pathOf(key);
    if ((await this.size(key)) === undefined) throw new StorageNotFoundError(key);
    return createReadStream(path);
  }

  async size(key: string): Promise<number | undefined> {
    try {
      return (await stat(this.pathOf(key))).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async signedUrl(
    key: string,
    method: SignedUrlMethod,
    expiresInSeconds?: number,
  ): Promise<string> {
    assertValidKey(key);
    const expires = Math.floor(Date.now() / 1000) + (expiresInSeconds ?? this.defaultTtlSeconds);
    const url = new URL(
      `/storage/${key.split('/').map(encodeURIComponent).join('/')}`,
      this.publicUrl,
    );
    url.searchParams.set('method', method);
    url.searchParams.set('expires', String(expires));
    url.searchParams.set('signature', this.signer.sign(method, key, expires));
    return url.toString();
  }

  private pathOf(key: string): string {
    assertValidKey(key);
    const path = join(this.root, key);
    // Belt and braces: the key check already rules out escaping the root.
    if (!path.startsWith(`${this.root}/`)) throw new Error(`invalid storage key: ${key}`);
    return path;
  }
}
