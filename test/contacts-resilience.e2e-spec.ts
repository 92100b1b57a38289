import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { ReconcilerService } from '../src/queue/reconciler.service.js';
import { QueueName } from '../src/queue/queue-name.enum.js';
import { contactsCsv, type Row, upload, waitForJob } from './support/contacts.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { unique } from './support/unique.js';
import { until } from './support/until.js';

/** Rows with every kind of issue, and many clean ones: `count` rows in all. */
function mixedRows(count: number, tag: string): Row[] {
  return Array.from({ length: count }, (_, i): Row => {
    if (i % 50 === 1) return [`dup${i - 1}-${tag}@example.com`, 'Other', `Person${i}`, 'Elsewhere'];
    if (i % 97 === 0) return [`broken-${i}`, 'Bad', 'Address', 'Co'];
    if (i % 101 === 0) return [`missing${i}-${tag}@example.com`, '', `Last${i}`, ''];
    if (i % 89 === 0)
      return [`dup${i - (i % 50)}-${tag}@example.com`, 'First', `Last${i - (i % 50)}`, 'Co'];
    return [`${i % 50 === 0 ? 'dup' : 'row'}${i}-${tag}@example.com`, 'First', `Last${i}`, 'Co'];
  });
}

/** Everything an import produced for a job, without ids: comparable across users and runs. */
async function outcome(db: DataSource, jobId: number, userId: string) {
  const [staging, issues, contacts] = await Promise.all([
    db.query(
      `SELECT row_number, email, first_name, last_name, company, status, row_hash
       FROM staging_rows WHERE job_id = $1 ORDER BY row_number`,
      [jobId],
    ),
    db.query(
      `SELECT i.type, i.issue_key, i.description, i.resolved,
              array_agg(s.row_number ORDER BY s.row_number) AS rows
       FROM data_issues i JOIN data_issue_rows r ON r.issue_id = i.id JOIN staging_rows s ON s.id = r.staging_id
       WHERE i.job_id = $1 GROUP BY i.id ORDER BY i.issue_key`,
      [jobId],
    ),
    db.query(
      `SELECT c.email, c.first_name, c.last_name, c.company, s.row_number
       FROM contacts c LEFT JOIN staging_rows s ON s.id = c.staging_id
       WHERE c.user_id = $1 ORDER BY c.email`,
      [userId],
    ),
  ]);
  return { staging, issues, contacts };
}

describe('contacts ingestion survives concurrency, Redis loss and crashes', () => {
  let api: TestApp;
  let db: DataSource;

  /** The 200,000-row file is larger than the contract's 5 MB. */
  const LIMITS = { INGEST_MAX_FILE_BYTES: String(64 * 1024 * 1024) };

  beforeAll(async () => {
    api = await startTestApp(LIMITS);
    db = api.app.get(DataSource);
  });

  afterAll(() => api.close());

  const caller = () => {
    const id = `user-${unique()}`;
    return { id, token: api.token(id, ['uploader', 'editor']) };
  };

  it('keeps each user’s contacts their own when two users upload the same file at once', async () => {
    const file = contactsCsv(mixedRows(500, unique()));
    const [a, b] = [caller(), caller()];
    const [first, second] = await Promise.all([
      upload(api.http, a.token, file).expect(200),
      upload(api.http, b.token, file).expect(200),
    ]);
    await Promise.all([
      waitForJob(api.http, a.token, first.body.job_id),
      waitForJob(api.http, b.token, second.body.job_id),
    ]);
    const mine = await outcome(db, first.body.job_id, a.id);
    const theirs = await outcome(db, second.body.job_id, b.id);
    expect(mine.contacts.length).toBeGreaterThan(400);
    expect(theirs).toEqual(mine);
  });

  it('processes two files of one user at once without duplicate contacts or lost conflicts', async () => {
    const user = caller();
    const tag = unique();
    const shared: Row[] = Array.from({ length: 200 }, (_, i) => [
      `shared${i}-${tag}@example.com`,
      'Same',
      `P${i}`,
      'Co',
    ]);
    const clash: Row[] = Array.from({ length: 50 }, (_, i) => [
      `shared${i}-${tag}@example.com`,
      'Different',
      `P${i}`,
      'Co',
    ]);
    const fileA = contactsCsv([...shared, ...mixedRows(300, `${tag}a`)]);
    const fileB = contactsCsv([...shared.slice(100), ...clash, ...mixedRows(300, `${tag}b`)]);
    const [jobA, jobB] = await Promise.all([
      upload(api.http, user.token, fileA, 'a.csv').expect(200),
      upload(api.http, user.token, fileB, 'b.csv').expect(200),
    ]);
    const states = await Promise.all([
      waitForJob(api.http, user.token, jobA.body.job_id),
      waitForJob(api.http, user.token, jobB.body.job_id),
    ]);
    expect(states.map((job) => job.job_status)).toEqual(['NEEDS_REVIEW', 'NEEDS_REVIEW']);
    const [{ contacts, distinct }] = await db.query(
      `SELECT count(*)::int AS contacts, count(DISTINCT email)::int AS distinct FROM contacts WHERE user_id = $1`,
      [user.id],
    );
    expect(contacts).toBe(distinct);
    // Each clashing address became a contact with one identity; the other job's row is held.
    const [{ settled }] = await db.query(
      `SELECT count(DISTINCT c.email)::int AS settled
       FROM contacts c
       JOIN staging_rows s ON lower(s.email) = c.email AND s.job_id = ANY($2)
       JOIN data_issue_rows r ON r.staging_id = s.id
       WHERE c.user_id = $1 AND c.email LIKE 'shared%' AND s.first_name <> c.first_name`,
      [user.id, [jobA.body.job_id, jobB.body.job_id]],
    );
    expect(settled).toBe(50);
  });

  it('recovers a queued import after Redis lost its queue', async () => {
    const queue = api.app.get<Queue>(getQueueToken(QueueName.ContactsImport));
    const user = caller();
    await queue.pause();
    try {
      const { body } = await upload(
        api.http,
        user.token,
        contactsCsv(mixedRows(100, unique())),
      ).expect(200);
      expect(await queue.getJob(`contacts-import-${body.job_id}`)).toBeDefined();
      await queue.obliterate({ force: true });
      expect(await queue.getJob(`contacts-import-${body.job_id}`)).toBeUndefined();
      await queue.resume();
      let requeued: Record<string, number> = {};
      while (!('contacts-import' in requeued))
        requeued = await api.app.get(ReconcilerService).reconcileAll();
      expect(requeued['contacts-import']).toBeGreaterThanOrEqual(1);
      expect((await waitForJob(api.http, user.token, body.job_id)).job_status).toBe('NEEDS_REVIEW');
    } finally {
      await queue.resume();
    }
  });

  it('finishes an import whose queue job Redis lost while it ran, exactly once', async () => {
    const queue = api.app.get<Queue>(getQueueToken(QueueName.ContactsImport));
    const [user, reference] = [caller(), caller()];
    const rows = mixedRows(60_000, unique());
    const { body } = await upload(api.http, user.token, contactsCsv(rows)).expect(200);
    await until(
      async () =>
        (await db.query('SELECT status FROM import_jobs WHERE id = $1', [body.job_id]))[0]
          .status !== 'PENDING',
    );
    await queue.obliterate({ force: true });
    await api.app.get(ReconcilerService).reconcileAll();
    expect((await waitForJob(api.http, user.token, body.job_id)).job_status).toBe('NEEDS_REVIEW');
    const again = await upload(api.http, reference.token, contactsCsv(rows)).expect(200);
    await waitForJob(api.http, reference.token, again.body.job_id);
    expect(await outcome(db, body.job_id, user.id)).toEqual(
      await outcome(db, again.body.job_id, reference.id),
    );
  });
});
