import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const DATA_DIR = join(import.meta.dirname, '..', '..', '..', 'bench', '.data');

export interface GeneratedCsv {
  path: string;
  rows: number;
  bytes: number;
  /** The same rows with one row per lower-cased email: what a unique index accepts. */
  dedupedPath: string;
  dedupedRows: number;
}

const FIRST = [
  'Ada',
  'Grace',
  'Alan',
  'Joan',
  'Linus',
  'Barbara',
  'Ken',
  'Margaret',
  'Dennis',
  'Frances',
];
const LAST = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Clarke',
  'Torvalds',
  'Liskov',
  'Thompson',
  'Hamilton',
  'Ritchie',
  'Allen',
];

/**
 * A contacts CSV of `rows` rows where `duplicateShare` of them reuse an earlier row's email under
 * another name (DUPLICATE_EMAIL issues), written once and reused by later runs.
 */
export async function generateContactsCsv(
  name: string,
  rows: number,
  duplicateShare: number,
): Promise<GeneratedCsv> {
  mkdirSync(DATA_DIR, { recursive: true });
  const path = join(DATA_DIR, `${name}.csv`);
  const dedupedPath = join(DATA_DIR, `${name}.deduped.csv`);
  const duplicateEvery = Math.round(1 / duplicateShare);
  if (!existsSync(path) || !existsSync(dedupedPath)) {
    const all = createWriteStream(path);
    const deduped = createWriteStream(dedupedPath);
    all.write('email,first_name,last_name,company\n');
    let batch = '';
    let dedupedBatch = '';
    for (let i = 1; i <= rows; i += 1) {
      const duplicate = i % duplicateEvery === 0;
      const n = duplicate ? i - 1 : i;
      const line = `person${n}@company${n % 5000}.example,${FIRST[i % 10]},${LAST[(i * 7) % 10]},Company ${n % 5000} Ltd\n`;
      batch += line;
      if (!duplicate) dedupedBatch += line;
      if (i % 10_000 === 0 || i === rows) {
        if (!all.write(batch)) await once(all, 'drain');
        if (!deduped.write(dedupedBatch)) await once(deduped, 'drain');
        batch = '';
        dedupedBatch = '';
      }
    }
    await Promise.all([
      new Promise((done) => all.end(done)),
      new Promise((done) => deduped.end(done)),
    ]);
  }
  const dedupedRows = rows - Math.floor(rows / duplicateEvery);
  return { path, rows, bytes: statSync(path).size, dedupedPath, dedupedRows };
}
