import pg from 'pg';
import { ensureDatabase } from '../src/database/ensure-database.js';
import { contactsCsv, type Row } from './support/contacts.js';
import {
  freePort,
  killed,
  processToken as token,
  startServerProcess,
} from './support/server-process.js';
import { waitFor } from './support/until.js';

/**
 * The server process killed (SIGKILL) in the middle of a 200,000-row import and started again:
 * the import finishes, and its rows, issues and contacts are exactly those of an uninterrupted
 * run of the same file. Only server processes run workers here, so the one killed is the one working.
 */
const LIMITS = { INGEST_MAX_FILE_BYTES: String(64 * 1024 * 1024) };

function rows(count: number): Row[] {
  return Array.from({ length: count }, (_, i): Row => {
    if (i % 50 === 1) return [`dup${i - 1}@example.com`, 'Other', `Person${i}`, 'Elsewhere'];
    if (i % 97 === 0) return [`broken-${i}`, 'Bad', 'Address', 'Co'];
    if (i % 101 === 0) return [`missing${i}@example.com`, '', `Last${i}`, ''];
    return [`${i % 50 === 0 ? 'dup' : 'row'}${i}@example.com`, 'First', `Last${i}`, 'Co'];
  });
}

describe('a contacts import when the server is killed in the middle of it', () => {
  const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  const query = async <T = Record<string, unknown>>(sql: string, values: unknown[]) =>
    (await db.query(sql, values)).rows as T[];

  beforeAll(async () => {
    // This suite may run first: no app has created the run's database yet.
    await ensureDatabase(process.env.DATABASE_URL!);
    await db.connect();
  });
  afterAll(() => db.end());

  async function uploadTo(base: string, user: string, file: Buffer): Promise<number> {
    const form = new FormData();
    form.append('file', new Blob([file]), 'big.csv');
    const response = await fetch(`${base}/jobs/upload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token(user)}` },
      body: form,
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { job_id: number }).job_id;
  }

  const finalStatus = (jobId: number): Promise<string> =>
    waitFor(
      async () =>
        (
          await query<{ status: string }>('SELECT status FROM import_jobs WHERE id = $1', [jobId])
        )[0].status,
      (status) => !['PENDING', 'PROCESSING'].includes(status),
      { timeoutMs: 120_000, everyMs: 200, what: `job ${jobId} final` },
    );

  const outcome = async (jobId: number, userId: string) => ({
    staging: await query(
      `SELECT row_number, email, first_name, last_name, company, status, row_hash
       FROM staging_rows WHERE job_id = $1 ORDER BY row_number`,
      [jobId],
    ),
    issues: await query(
      `SELECT i.type, i.issue_key, i.description, i.resolved, array_agg(s.row_number ORDER BY s.row_number) AS rows
       FROM data_issues i JOIN data_issue_rows r ON r.issue_id = i.id JOIN staging_rows s ON s.id = r.staging_id
       WHERE i.job_id = $1 GROUP BY i.id ORDER BY i.issue_key`,
      [jobId],
    ),
    contacts: await query(
      `SELECT c.email, c.first_name, c.last_name, c.company, s.row_number
       FROM contacts c LEFT JOIN staging_rows s ON s.id = c.staging_id WHERE c.user_id = $1 ORDER BY c.email`,
      [userId],
    ),
  });

  it('finishes after a restart, exactly as an uninterrupted run', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const file = contactsCsv(rows(200_000));
    const [user, reference] = [`crash-${Date.now()}`, `reference-${Date.now()}`];
    let server = await startServerProcess(port, LIMITS);
    try {
      const jobId = await uploadTo(base, user, file);
      await waitFor(
        async () => {
          const [job] = await query<{ status: string; processed_rows: number }>(
            'SELECT status, processed_rows FROM import_jobs WHERE id = $1',
            [jobId],
          );
          expect(['PENDING', 'PROCESSING']).toContain(job.status);
          return job;
        },
        (job) => job.status === 'PROCESSING' && job.processed_rows > 0,
        { timeoutMs: 60_000, everyMs: 5, what: 'the import under way' },
      );
      await killed(server);
      const [stopped] = await query<{ status: string }>(
        'SELECT status FROM import_jobs WHERE id = $1',
        [jobId],
      );
      expect(stopped.status).toBe('PROCESSING');

      server = await startServerProcess(port, LIMITS);
      expect(await finalStatus(jobId)).toBe('NEEDS_REVIEW');
      const referenceJob = await uploadTo(base, reference, file);
      expect(await finalStatus(referenceJob)).toBe('NEEDS_REVIEW');

      const recovered = await outcome(jobId, user);
      expect(recovered.staging.length).toBeGreaterThan(190_000);
      expect(recovered.contacts.length).toBeGreaterThan(180_000);
      expect(recovered).toEqual(await outcome(referenceJob, reference));
    } finally {
      if (server.exitCode === null) await killed(server, 'SIGTERM');
    }
  }, 240_000);
});
