import pg from 'pg';
import supertest from 'supertest';
import { ensureDatabase } from '../src/database/ensure-database.js';
import { FakeLlm, type SeenRequest } from './support/fake-llm.js';
import { leadRows, leadsXlsx, uploadLeads, waitForUpload } from './support/leads.js';
import {
  freePort,
  killed,
  processToken as token,
  startServerProcess,
} from './support/server-process.js';
import { unique } from './support/unique.js';
import { waitFor } from './support/until.js';

const asked = (request: SeenRequest): { row: number }[] =>
  (JSON.parse(request.body.messages[1].content) as { leads: { row: number }[] }).leads;

/** 60 leads in batches of 5, every one enriched. */
const COMPLETED_60 = {
  status: 'completed',
  progress: {
    totalBatches: 12,
    completedBatches: 12,
    totalLeads: 60,
    processedLeads: 60,
    percentage: 100,
  },
};

/** Uploads the rows as an XLSX through the API; returns the upload's id. */
async function upload(base: string, accessToken: string, rows: string[][]): Promise<string> {
  const accepted = await uploadLeads(supertest(base), accessToken, await leadsXlsx(rows)).expect(
    202,
  );
  return (accepted.body as { uploadId: string }).uploadId;
}

const LIMITS = {
  LEAD_BATCH_SIZE: '5',
  LLM_MAX_RETRIES: '0',
  RATE_LIMIT_LEAD_PER_MINUTE: '100000',
  RATE_LIMIT_LEAD_PER_SECOND: '100000',
};

/**
 * The server killed (SIGKILL) while an upload's batches are running, then started again: the
 * upload completes, and every lead is written exactly once.
 */
describe('a lead upload when the server is killed in the middle of it', () => {
  const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  let llm: FakeLlm;

  beforeAll(async () => {
    await ensureDatabase(process.env.DATABASE_URL!);
    await db.connect();
    llm = await FakeLlm.start();
    llm.fallback = (request) => ({
      delayMs: 150,
      content: JSON.stringify({
        leads: asked(request).map(({ row }) => ({ row, emailValid: true, score: row })),
      }),
    });
  });
  afterAll(async () => {
    await db.end();
    await llm.close();
  });

  it('completes after a restart with every lead processed exactly once', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = llm.env({ ...LIMITS, LEAD_CONCURRENCY: '2' });
    const user = `restart-${unique()}`;
    const accessToken = token(user);
    let server = await startServerProcess(port, env);

    const uploadId = await upload(base, accessToken, leadRows(60));

    const progress = async () =>
      (
        await db.query<{ status: string; completed_batches: number }>(
          `SELECT status, completed_batches FROM lead_uploads WHERE id = $1`,
          [uploadId],
        )
      ).rows[0];
    await waitFor(progress, (upload) => upload.completed_batches >= 3, {
      what: 'three batches completed',
    });
    await killed(server);
    const atKill = await progress();
    expect(atKill.status).toBe('processing');
    expect(atKill.completed_batches).toBeLessThan(12);

    server = await startServerProcess(port, env);
    try {
      expect(await waitForUpload(supertest(base), accessToken, uploadId)).toMatchObject(
        COMPLETED_60,
      );
    } finally {
      await killed(server, 'SIGTERM');
    }

    const batches = await db.query<{ rows: number[] }>(
      `SELECT array_agg((lead->>'row')::int ORDER BY (lead->>'row')::int) AS rows
       FROM lead_batches, jsonb_array_elements(leads) AS lead WHERE upload_id = $1`,
      [uploadId],
    );
    expect(batches.rows[0].rows).toEqual(Array.from({ length: 60 }, (_, i) => i + 2));
    const scores = await db.query<{ n: number; completed: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE state = 'completed')::int AS completed,
              sum(jsonb_array_length(enrichment))::int AS enriched
       FROM lead_batches WHERE upload_id = $1`,
      [uploadId],
    );
    expect(scores.rows[0]).toEqual({ n: 12, completed: 12, enriched: 60 });
  });

  it('redoes a split a crash cut short, keeping the batches that had finished', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = llm.env(LIMITS);
    const accessToken = token(`resplit-${unique()}`);
    const rows = leadRows(60, 'resplit');
    // An API-only server stores the upload and queues it; no worker takes it yet.
    const api = await startServerProcess(port, { ...env, APP_ROLE: 'api' });
    const uploadId = await upload(base, accessToken, rows);
    await killed(api);

    // What a crash half-way through the split leaves: batches 0-5 stored (5, the highest, not
    // queued yet), 0-2 enriched by the earlier run and counted.
    const earlier = {
      fullName: 'enriched by the earlier run',
      email: null,
      emailValid: false,
      phoneE164: null,
      companyDomain: null,
      freeMail: false,
      roleAddress: false,
      score: 7,
      scoreReasons: [],
    };
    await db.query(
      `UPDATE lead_uploads SET status = 'processing', started_at = now(), batch_size = 5,
         total_leads = 30, total_batches = 6, completed_batches = 3, processed_leads = 15
       WHERE id = $1`,
      [uploadId],
    );
    for (let batchNo = 0; batchNo < 6; batchNo += 1) {
      const leads = rows
        .slice(batchNo * 5, batchNo * 5 + 5)
        .map((cells, index) => ({ row: batchNo * 5 + index + 2, cells }));
      const finished = batchNo < 3;
      await db.query(
        `INSERT INTO lead_batches (upload_id, batch_no, state, lead_count, leads, enrichment)
         VALUES ($1, $2, $3, 5, $4, $5)`,
        [
          uploadId,
          batchNo,
          finished ? 'completed' : 'pending',
          JSON.stringify(leads),
          finished ? JSON.stringify(leads.map(() => earlier)) : null,
        ],
      );
    }

    const server = await startServerProcess(port, env);
    try {
      expect(await waitForUpload(supertest(base), accessToken, uploadId)).toMatchObject(
        COMPLETED_60,
      );
    } finally {
      await killed(server, 'SIGTERM');
    }
    const askedRows = llm
      .requestsFor('resplit person')
      .flatMap(asked)
      .map(({ row }) => row)
      .sort((a, b) => a - b);
    expect(askedRows).toEqual(Array.from({ length: 45 }, (_, i) => i + 17));
    const batches = await db.query<{ batch_no: number; state: string; by: string }>(
      `SELECT batch_no, state, enrichment->0->>'fullName' AS by
       FROM lead_batches WHERE upload_id = $1 ORDER BY batch_no`,
      [uploadId],
    );
    expect(batches.rows).toEqual(
      Array.from({ length: 12 }, (_, batchNo) => ({
        batch_no: batchNo,
        state: 'completed',
        by: batchNo < 3 ? earlier.fullName : expect.not.stringMatching(earlier.fullName),
      })),
    );
  });
});
