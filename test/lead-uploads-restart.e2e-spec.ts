import pg from 'pg';
import { ensureDatabase } from '../src/database/ensure-database.js';
import { FakeLlm, type SeenRequest } from './support/fake-llm.js';
import { leadRows, leadsXlsx } from './support/leads.js';
import {
  freePort,
  killed,
  processToken as token,
  startServerProcess,
} from './support/server-process.js';
import { unique } from './support/unique.js';

const asked = (request: SeenRequest): { row: number }[] =>
  (JSON.parse(request.body.messages[1].content) as { leads: { row: number }[] }).leads;

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
    const env = llm.env({
      LEAD_BATCH_SIZE: '5',
      LEAD_CONCURRENCY: '2',
      LLM_MAX_RETRIES: '0',
      RATE_LIMIT_LEAD_PER_MINUTE: '100000',
      RATE_LIMIT_LEAD_PER_SECOND: '100000',
    });
    const user = `restart-${unique()}`;
    const bearer = `Bearer ${token(user)}`;
    let server = await startServerProcess(port, env);

    const form = new FormData();
    form.append('file', new Blob([await leadsXlsx(leadRows(60))]), 'leads.xlsx');
    const accepted = await fetch(`${base}/uploads`, {
      method: 'POST',
      headers: { authorization: bearer },
      body: form,
    });
    expect(accepted.status).toBe(202);
    const { uploadId } = (await accepted.json()) as { uploadId: string };

    const progress = async () =>
      (
        await db.query<{ status: string; completed_batches: number }>(
          `SELECT status, completed_batches FROM lead_uploads WHERE id = $1`,
          [uploadId],
        )
      ).rows[0];
    while ((await progress()).completed_batches < 3)
      await new Promise((wait) => setTimeout(wait, 20));
    await killed(server);
    const atKill = await progress();
    expect(atKill.status).toBe('processing');
    expect(atKill.completed_batches).toBeLessThan(12);

    server = await startServerProcess(port, env);
    try {
      for (;;) {
        const response = await fetch(`${base}/status/${uploadId}`, {
          headers: { authorization: bearer },
        });
        const body = (await response.json()) as {
          status: string;
          progress: Record<string, number>;
        };
        if (body.status !== 'processing') {
          expect(body).toMatchObject({
            status: 'completed',
            progress: {
              totalBatches: 12,
              completedBatches: 12,
              totalLeads: 60,
              processedLeads: 60,
              percentage: 100,
            },
          });
          break;
        }
        await new Promise((wait) => setTimeout(wait, 200));
      }
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
});
