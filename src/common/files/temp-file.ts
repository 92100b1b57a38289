import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTooLarge, TEMP_DIR } from './file-size.js';

export interface TempFile {
  path: string;
  size: number;
  remove(): Promise<void>;
}

/**
 * Streams a body to a temporary file, refusing it (and removing what was written) as soon as it
 * passes `maxBytes`, so a body never sits whole in memory and an oversized one is never kept.
 */
export async function receiveToTempFile(body: Readable, maxBytes: number): Promise<TempFile> {
  mkdirSync(TEMP_DIR, { recursive: true });
  const path = join(TEMP_DIR, randomUUID());
  const remove = () => rm(path, { force: true });
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      done(size > maxBytes ? fileTooLarge(maxBytes) : null, chunk);
    },
  });
  try {
    await pipeline(body, counter, createWriteStream(path));
  } catch (error) {
    await remove();
    throw error;
  }
  return { path, size, remove };
}
