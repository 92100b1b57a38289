import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import pg from 'pg';
import { FakeLlm, type Reply, type SeenRequest } from './support/fake-llm.js';
import { leadRows, leadsXlsx, readXlsx, uploadLeads, waitForUpload } from './support/leads.js';
import { type TestApp, startTestApp } from './support/test-app.js';
import { unique } from './support/unique.js';
import { until } from './support/until.js';

interface AskedLead {
  row: number;
  fields: Record<string, string>;
}

const askedLeads = (request: SeenRequest): AskedLead[] =>
  (JSON.parse(request.body.messages[1].content) as { leads: AskedLead[] }).leads;

/** What a well-behaved model answers for a batch. */
const enriched = (request: SeenRequest): Reply => ({
  content: JSON.stringify({
    leads: askedLeads(request).map((lead) => ({
      row: lead.row,
      fullName: `LLM ${lead.fields.name}`,
      email: lead.fields.email,
      emailValid: true,
      phoneE164: null,
      companyDomain: 'example-corp.com',
      freeMail: false,
      roleAddress: false,
      score: 77,
      scoreReasons: ['model says so'],
    })),
  }),
});

const BATCH_SIZE = 2;
const CONCURRENCY = 2;

describe('lead batches through an OpenAI-compatible provider', () => {
  let app: TestApp;
  let llm: FakeLlm;
  const db = new pg.Client({ connectionString: process.env.DATABASE_URL });

  beforeAll(async () => {
    llm = await FakeLlm.start();
    app = await startTestApp(
      llm.env({
        LEAD_BATCH_SIZE: String(BATCH_SIZE),
        LEAD_CONCURRENCY: String(CONCURRENCY),
        LLM_MAX_RETRIES: '0',
        RATE_LIMIT_LEAD_PER_MINUTE: '100000',
        RATE_LIMIT_LEAD_PER_SECOND: '100000',
      }),
    );
    await db.connect();
  });
  afterEach(() => llm.reset());
  afterAll(async () => {
    await db.end();
    await app.close();
    await llm.close();
  });

  const start = async (leads: number, prefix: string) => {
    const token = app.token(`llm-${unique()}`, ['uploader']);
    const file = await leadsXlsx(leadRows(leads, prefix));
    const { body } = await uploadLeads(app.http, token, file).expect(202);
    return { token, id: body.uploadId as string };
  };
  const resultSheet = async (token: string, id: string) =>
    readXlsx(
      (
        await app.http
          .get(`/uploads/${id}/result`)
          .set('Authorization', `Bearer ${token}`)
          .responseType('blob')
          .expect(200)
      ).body as Buffer,
    );

  it('asks once per batch for JSON per lead, and writes what the model answered', async () => {
    const prefix = `ok${unique()}`;
    llm.fallback = enriched;
    const { token, id } = await start(5, prefix);
    const status = await waitForUpload(app.http, token, id);
    expect(status).toMatchObject({
      status: 'completed',
      progress: { totalBatches: 3, completedBatches: 3, totalLeads: 5, processedLeads: 5 },
    });
    const asked = llm.requestsFor(prefix);
    expect(asked).toHaveLength(3);
    expect(asked.map((request) => askedLeads(request).length).sort()).toEqual([1, 2, 2]);
    expect(asked[0].authorization).toBe('Bearer sk-test-fake-llm-key');
    const sheet = await resultSheet(token, id);
    expect(sheet.slice(1).map((row) => [row[6], row[7], row[14]])).toEqual(
      Array.from({ length: 5 }, (_, i) => ['ok', `LLM ${prefix} person ${i}`, '77']),
    );
  });

  it('records a failed batch and completes the upload with the rest', async () => {
    const prefix = `part${unique()}`;
    llm.fallback = (request) =>
      askedLeads(request)[0].row === 2
        ? { status: 500 }
        : request.body.messages[1].content.includes(`${prefix} person 2`)
          ? { raw: 'not json at all' }
          : enriched(request);
    const { token, id } = await start(6, prefix);
    const status = await waitForUpload(app.http, token, id);
    expect(status).toMatchObject({
      status: 'completed',
      progress: { totalBatches: 3, completedBatches: 3, totalLeads: 6, processedLeads: 2 },
    });
    expect(status.error).toBeUndefined();
    const batches = await db.query(
      `SELECT batch_no, state, error_code FROM lead_batches WHERE upload_id = $1 ORDER BY batch_no`,
      [id],
    );
    expect(batches.rows).toEqual([
      { batch_no: 0, state: 'failed', error_code: 'PROVIDER_ERROR' },
      { batch_no: 1, state: 'failed', error_code: 'PROVIDER_ERROR' },
      { batch_no: 2, state: 'completed', error_code: null },
    ]);
    const sheet = await resultSheet(token, id);
    expect(sheet.slice(1).map((row) => row[6])).toEqual([
      'failed: PROVIDER_ERROR',
      'failed: PROVIDER_ERROR',
      'failed: PROVIDER_ERROR',
      'failed: PROVIDER_ERROR',
      'ok',
      'ok',
    ]);
  });

  it('fails the upload when every batch fails', async () => {
    llm.fallback = () => ({ status: 503 });
    const { token, id } = await start(3, `all${unique()}`);
    const status = await waitForUpload(app.http, token, id);
    expect(status).toMatchObject({
      status: 'error',
      stage: 'batch_processing',
      progress: { totalBatches: 2, completedBatches: 2, processedLeads: 0, percentage: 100 },
      error: {
        code: 'ENRICHMENT_FAILED',
        message: expect.stringContaining('Every batch failed'),
        timestamp: expect.any(String),
      },
    });
  });

  it('stops at a cancel: no batch is written after it, waiting batches leave the queue', async () => {
    const prefix = `cancel${unique()}`;
    llm.fallback = (request) => ({ ...enriched(request), delayMs: 300 });
    const { token, id } = await start(40, prefix);
    await until(
      async () =>
        (await app.http.get(`/status/${id}`).set('Authorization', `Bearer ${token}`)).body.progress
          .completedBatches >= 2,
    );
    await app.http.post(`/status/${id}/cancel`).set('Authorization', `Bearer ${token}`).expect(200);
    const askedAtCancel = llm.requestsFor(prefix).length;
    const doneAtCancel = (
      await db.query(
        `SELECT count(*)::int AS n FROM lead_batches WHERE upload_id = $1 AND state <> 'pending'`,
        [id],
      )
    ).rows[0].n as number;

    await new Promise((wait) => setTimeout(wait, 1_500));
    const status = await app.http
      .get(`/status/${id}`)
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(status.body.status).toBe('cancelled');
    expect(status.body.progress.completedBatches).toBe(doneAtCancel);
    expect(status.body.progress.processedLeads).toBe(doneAtCancel * BATCH_SIZE);
    expect(llm.requestsFor(prefix).length).toBe(askedAtCancel);
    const finished = await db.query(
      `SELECT count(*)::int AS n FROM lead_batches WHERE upload_id = $1 AND state <> 'pending'`,
      [id],
    );
    expect(finished.rows[0].n).toBe(doneAtCancel);
    const queue = app.app.get<Queue>(getQueueToken('lead-batches'));
    const waiting = await queue.getJobs(['waiting', 'prioritized', 'delayed']);
    expect(waiting.filter((job) => job.data.uploadId === id)).toEqual([]);

    const sheet = await resultSheet(token, id);
    expect(sheet).toHaveLength(1 + doneAtCancel * BATCH_SIZE);
  });
});
