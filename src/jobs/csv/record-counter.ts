const QUOTE = 0x22;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Counts the records of a CSV as its bytes go by, without parsing it: empty lines are not records,
 * line breaks inside quoted fields do not end one. Works on UTF-8 and single-byte encodings alike.
 * It jumps from one quote or line break to the next with `indexOf` (native, memchr-fast) rather
 * than looking at every byte: a 63 MB file in a fraction of the time.
 */
export class RecordCounter {
  records = 0;
  /** Bytes before the first record break; undefined until one is seen. */
  firstRecordLength: number | undefined;
  private inQuotes = false;
  private recordHasContent = false;
  private offset = 0;

  push(chunk: Buffer): void {
    let at = 0;
    // The next quote and line break at or after `at` (-1: none left in the chunk).
    let quote = chunk.indexOf(QUOTE, at);
    let newline = chunk.indexOf(NEWLINE, at);
    while (at < chunk.length) {
      if (this.inQuotes) {
        if (quote < 0) break;
        this.inQuotes = false;
        at = quote + 1;
        quote = chunk.indexOf(QUOTE, at);
        continue;
      }
      if (newline >= 0 && newline < at) newline = chunk.indexOf(NEWLINE, at);
      const end = newline < 0 ? chunk.length : newline;
      if (quote >= 0 && quote < end) {
        this.recordHasContent = true;
        this.inQuotes = true;
        at = quote + 1;
        quote = chunk.indexOf(QUOTE, at);
        continue;
      }
      if (!this.recordHasContent && hasContent(chunk, at, end)) this.recordHasContent = true;
      if (newline < 0) break;
      this.endRecord(this.offset + newline);
      at = newline + 1;
      newline = chunk.indexOf(NEWLINE, at);
    }
    this.offset += chunk.length;
  }

  finish(): void {
    this.endRecord(this.offset);
  }

  private endRecord(at: number): void {
    if (this.recordHasContent) {
      this.records += 1;
      this.firstRecordLength ??= at;
    }
    this.recordHasContent = false;
  }
}

/** Whether the bytes from `from` to `to` hold anything but carriage returns. */
function hasContent(chunk: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i += 1) if (chunk[i] !== CARRIAGE_RETURN) return true;
  return false;
}
