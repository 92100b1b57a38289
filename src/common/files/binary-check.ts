/** How much of a file's start is examined to tell text from binary. */
export const TEXT_SAMPLE_BYTES = 64 * 1024;
/** Share of control bytes (other than tab, CR, LF) above which a file is binary, not text. */
const MAX_CONTROL_BYTE_SHARE = 0.01;

function countControlBytes(bytes: Buffer): number {
  let count = 0;
  for (const byte of bytes) {
    if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) || byte === 0x7f)
      count += 1;
  }
  return count;
}

/** True when a file's first bytes hold too many control characters to be a text file. */
export const looksBinary = (sample: Buffer): boolean =>
  sample.length > 0 &&
  countControlBytes(sample.subarray(0, TEXT_SAMPLE_BYTES)) /
    Math.min(sample.length, TEXT_SAMPLE_BYTES) >
    MAX_CONTROL_BYTE_SHARE;
