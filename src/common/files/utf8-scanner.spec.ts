import { Utf8Scanner } from './utf8-scanner.js';

function scan(chunks: Buffer[]) {
  const scanner = new Utf8Scanner();
  for (const chunk of chunks) scanner.push(chunk);
  const valid = scanner.finish();
  return {
    valid,
    firstInvalidAt: scanner.firstInvalidAt,
    multiByteSequences: scanner.multiByteSequences,
  };
}

describe('Utf8Scanner', () => {
  const ascii = Buffer.from('email,name\nann@x.com,Ann\n');
  const accented = Buffer.from('zoë@x.com,Zoë\n');

  it('passes ASCII chunks, and UTF-8 sequences cut between chunks', () => {
    const cut = accented.indexOf(0xc3) + 1;
    expect(scan([ascii, accented.subarray(0, cut), accented.subarray(cut), ascii])).toEqual({
      valid: true,
      firstInvalidAt: undefined,
      multiByteSequences: 2,
    });
  });

  it('finds an invalid byte after ASCII chunks, at its offset in the file', () => {
    const latin1 = Buffer.from('zo\xff@x.com\n', 'latin1');
    expect(scan([ascii, ascii, latin1])).toEqual({
      valid: false,
      firstInvalidAt: 2 * ascii.length + 2,
      multiByteSequences: 0,
    });
  });

  it('finds a sequence cut short by an ASCII chunk, and one left open at the end', () => {
    const lead = accented.subarray(0, accented.indexOf(0xc3) + 1);
    expect(scan([lead, ascii]).firstInvalidAt).toBe(lead.length);
    expect(scan([ascii, lead])).toEqual({
      valid: false,
      firstInvalidAt: ascii.length + lead.length,
      multiByteSequences: 0,
    });
  });
});
