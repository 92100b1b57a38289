import iconv from 'iconv-lite';
import type { Transform } from 'node:stream';
import { Utf8Scanner } from './utf8-scanner.js';

/** The encodings a contacts CSV may come in: UTF-8 (with or without BOM), else CP1252 / Latin-1. */
export enum TextEncoding {
  Utf8 = 'utf-8',
  /** A superset of ISO-8859-1 for printable text, so Latin-1 files decode the same way. */
  Windows1252 = 'windows-1252',
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Watches a file's bytes go by and decides its encoding: valid UTF-8, or — when the bytes are not
 * UTF-8 and carry no sign of it — Windows-1252. Bytes that are mostly UTF-8 but broken (a BOM, or
 * valid multi-byte sequences beside invalid ones) are an invalid UTF-8 file, not a Latin-1 one.
 */
export class EncodingDetector {
  private readonly utf8 = new Utf8Scanner();
  private startsWithBom: boolean | undefined;

  push(chunk: Buffer): void {
    this.startsWithBom ??= chunk.subarray(0, 3).equals(UTF8_BOM);
    this.utf8.push(chunk);
  }

  /** The encoding, or an explanation of why the bytes are broken UTF-8. */
  result(): { encoding: TextEncoding } | { invalidUtf8: string } {
    if (this.utf8.finish()) return { encoding: TextEncoding.Utf8 };
    if (this.startsWithBom || this.utf8.multiByteSequences > 0) {
      return { invalidUtf8: `invalid UTF-8 byte sequence near byte ${this.utf8.firstInvalidAt}` };
    }
    return { encoding: TextEncoding.Windows1252 };
  }
}

/** A stream that turns the file's bytes into text (dropping a UTF-8 BOM). */
export const decodeStream = (encoding: TextEncoding): Transform =>
  iconv.decodeStream(encoding === TextEncoding.Utf8 ? 'utf8' : 'win1252', {
    stripBOM: true,
  }) as unknown as Transform;

export const decodeText = (bytes: Buffer, encoding: TextEncoding): string =>
  iconv.decode(bytes, encoding === TextEncoding.Utf8 ? 'utf8' : 'win1252', { stripBOM: true });
