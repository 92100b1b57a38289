import pg from 'pg';

/**
 * A database of the benchmark's own, created empty for each suite so that figures do not depend on
 * what earlier runs left behind. `BENCH_DATABASE_URL` points elsewhere.
 */
export async function freshBenchDatabase(): Promise<string> {
  const url = new URL(
    process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@localhost:5432/intake_bench',
  );
  const name = url.pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  return url.toString();
}
