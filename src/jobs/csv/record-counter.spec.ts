import { RecordCounter } from './record-counter.js';

/** The counter's definition, a byte at a time: what the jumping counter must agree with. */
function countByBytes(bytes: Buffer): { records: number; firstRecordLength?: number } {
  let records = 0;
  let firstRecordLength: number | undefined;
  let inQuotes = false;
  let content = false;
  const end = (at: number) => {
    if (content) {
      records += 1;
      firstRecordLength ??= at;
    }
    content = false;
  };
  bytes.forEach((byte, at) => {
    if (byte === 0x22) {
      inQuotes = !inQuotes;
      content = true;
    } else if (byte === 0x0a && !inQuotes) end(at);
    else if (byte !== 0x0d) content = true;
  });
  end(bytes.length);
  return { records, firstRecordLength };
}

function countInChunks(bytes: Buffer, cuts: number[]) {
  const counter = new RecordCounter();
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    counter.push(bytes.subarray(from, cut));
    from = cut;
  }
  counter.finish();
  return { records: counter.records, firstRecordLength: counter.firstRecordLength };
}

describe('RecordCounter', () => {
  it.each([
    ['email,name\na@x.com,Ann\nb@x.com,Bob\n', 3, 10],
    ['email,name\r\na@x.com,Ann\r\n\r\n\r\nb@x.com,Bob', 3, 11],
    ['email,note\na@x.com,"two\nlines"\nb@x.com,"say ""hi""\n"\n', 3, 10],
    ['\n\n\r\nemail\n', 1, 9],
    ['"a header\nover two lines"\nrow\n', 2, 25],
    ['no line break at all', 1, 20],
    ['', 0, undefined],
  ])('counts %j as %i records, the first %s bytes long', (text, records, first) => {
    expect(countInChunks(Buffer.from(text), [])).toEqual({ records, firstRecordLength: first });
  });

  it('agrees with the byte-by-byte definition on random text cut into random chunks', () => {
    const alphabet = ['a', ',', '"', '\n', '\r', '\r\n', 'é'];
    let seed = 42;
    const random = (below: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % below;
    };
    for (let round = 0; round < 500; round += 1) {
      const text = Array.from({ length: random(60) }, () => alphabet[random(alphabet.length)]);
      const bytes = Buffer.from(text.join(''));
      const cuts = Array.from({ length: random(5) }, () => random(bytes.length + 1)).sort(
        (a, b) => a - b,
      );
      expect(countInChunks(bytes, cuts)).toEqual(countByBytes(bytes));
    }
  });
});
