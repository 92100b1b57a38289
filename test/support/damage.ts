/** A deterministic generator of numbers in [0, 1) (mulberry32), so a failure repeats run after run. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/**
 * A copy of `file` with one to four bytes overwritten at random places: with any byte, or with
 * one of `bytes` (the characters that matter to the format) when given.
 */
export function damaged(file: Buffer, random: () => number, bytes?: number[]): Buffer {
  const copy = Buffer.from(file);
  const count = 1 + Math.floor(random() * 4);
  for (let done = 0; done < count; done += 1) {
    const value = bytes ? bytes[Math.floor(random() * bytes.length)] : Math.floor(random() * 256);
    copy[Math.floor(random() * copy.length)] = value;
  }
  return copy;
}
