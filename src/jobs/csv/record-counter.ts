const QUOTE = 0x22;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Counts the records of a CSV as its bytes go by, without parsing it: empty lines are not records,
 * line breaks inside quoted fields do not end one. Works on UTF-8 and single-byte encodings alike.
 */
export class RecordCounter {
  records = 0;
  /** Bytes before the first record break; undefined until one is seen. */
  firstRecordLength: number | undefined;
  private inQuotes = false;
  private recordHasContent = false;
  private offset = 0;

  push(chunk: Buffer): void {
    for (let i = 0; i < chunk.length; i += 1) {
      const byte = chunk[i];
      if (byte === QUOTE) {
        this.inQuotes = !this.inQuotes;
        this.recordHasContent = true;
      } else if (byte === NEWLINE && !this.inQuotes) {
        this.endRecord(this.offset + i);
      } else if (byte !== CARRIAGE_RETURN) {
        this.recordHasContent = true;
      }
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
