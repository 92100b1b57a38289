import { isAscii } from 'node:buffer';

/**
 * Checks UTF-8 validity byte by byte across chunks, and tells a broken UTF-8 file (valid
 * multi-byte sequences beside invalid bytes) from a single-byte one (only invalid high bytes).
 */
export class Utf8Scanner {
  /** Valid multi-byte sequences seen. */
  multiByteSequences = 0;
  /** Offset of the first byte that is not valid UTF-8, if any. */
  firstInvalidAt: number | undefined;
  private pending = 0;
  private offset = 0;

  push(chunk: Buffer): void {
    // Most files are ASCII throughout: a native check passes such a chunk without a byte loop.
    if (this.pending === 0 && isAscii(chunk)) {
      this.offset += chunk.length;
      return;
    }
    for (let i = 0; i < chunk.length; i += 1) {
      const byte = chunk[i];
      if (this.pending > 0) {
        if ((byte & 0xc0) === 0x80) {
          this.pending -= 1;
          if (this.pending === 0) this.multiByteSequences += 1;
          continue;
        }
        this.invalid(this.offset + i);
        this.pending = 0;
      }
      if (byte < 0x80) continue;
      if (byte >= 0xc2 && byte <= 0xdf) this.pending = 1;
      else if (byte >= 0xe0 && byte <= 0xef) this.pending = 2;
      else if (byte >= 0xf0 && byte <= 0xf4) this.pending = 3;
      else this.invalid(this.offset + i);
    }
    this.offset += chunk.length;
  }

  /** True when the bytes seen, and their end, are valid UTF-8. */
  finish(): boolean {
    if (this.pending > 0) this.invalid(this.offset);
    return this.firstInvalidAt === undefined;
  }

  private invalid(at: number): void {
    this.firstInvalidAt ??= at;
  }
}
