import { Writable } from 'node:stream';
import { CopyLines } from './copy-lines.js';

/** A stream that keeps what it is given and asks to wait once `highWaterMark` bytes are queued. */
function collector(highWaterMark: number) {
  const written: Buffer[] = [];
  const stream = new Writable({
    highWaterMark,
    write(chunk: Buffer, _encoding, done) {
      written.push(Buffer.from(chunk));
      setImmediate(done);
    },
  });
  return { stream, bytes: () => Buffer.concat(written) };
}

describe('CopyLines', () => {
  it('writes the lines as UTF-8, in order, across many buffers', async () => {
    const { stream, bytes } = collector(1 << 30);
    const lines = new CopyLines(stream);
    const expected: string[] = [];
    for (let i = 0; i < 20_000; i += 1) {
      const line = `${i}\tZoë Łukasiewicz ${'x'.repeat(i % 97)}\t😀\n`;
      expected.push(line);
      lines.add(line);
      if (i % 1000 === 999) lines.flush();
    }
    lines.flush();
    stream.end();
    await new Promise((done) => stream.on('finish', done));
    expect(bytes().toString('utf8')).toBe(expected.join(''));
  });

  it('says when the stream asks to wait, once per flush', () => {
    const { stream } = collector(16);
    const lines = new CopyLines(stream);
    lines.add('a line longer than sixteen bytes\n');
    expect(lines.flush()).toBe(false);
    expect(lines.flush()).toBe(true);
  });
});
