import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * The ceiling for ingestion: Postgres' own COPY of the (de-duplicated) rows, straight from the file,
 * into a table with a unique index on lower(email). Returns rows per second.
 */
export async function copyBaseline(
  databaseUrl: string,
  csvPath: string,
  rows: number,
): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('DROP TABLE IF EXISTS bench_copy_baseline');
    await client.query(
      'CREATE TABLE bench_copy_baseline (email text, first_name text, last_name text, company text)',
    );
    await client.query('CREATE UNIQUE INDEX ON bench_copy_baseline (lower(email))');
    const started = performance.now();
    await pipeline(
      createReadStream(csvPath),
      client.query(copyFrom('COPY bench_copy_baseline FROM STDIN WITH (FORMAT csv, HEADER true)')),
    );
    const seconds = (performance.now() - started) / 1000;
    await client.query('DROP TABLE bench_copy_baseline');
    return rows / seconds;
  } finally {
    await client.end();
  }
}
