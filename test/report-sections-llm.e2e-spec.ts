import { DataSource } from 'typeorm';
import { ApiKeyService } from '../src/auth/api-keys/api-key.service.js';
import { FakeLlm } from './support/fake-llm.js';
import {
  base64,
  fromBase64,
  generateBody,
  startSection,
  waitForSection,
} from './support/sections.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { unique } from './support/unique.js';
import { until } from './support/until.js';

describe('report sections with an OpenAI-compatible provider', () => {
  let llm: FakeLlm;
  let api: TestApp;
  let db: DataSource;
  let key: string;

  beforeAll(async () => {
    llm = await FakeLlm.start();
    api = await startTestApp(
      llm.env({ LLM_TIMEOUT_MS: '400', LLM_MAX_RETRIES: '2', LLM_CONCURRENCY: '2' }),
    );
    db = api.app.get(DataSource);
    key = (await api.app.get(ApiKeyService).create(`llm-${unique()}`)).key;
  });

  beforeEach(() => llm.reset());

  afterAll(async () => {
    await api.close();
    await llm.close();
  });

  const customer = () => `cust_${unique()}`;

  it('writes the section with the model, a system prompt for the type and title, and stores usage', async () => {
    const customerId = customer();
    llm.reply({ content: '# Technology Stack\n\nNode.js and Postgres.' });
    const jobId = await startSection(
      api.http,
      key,
      generateBody({
        type: 'Technical_scope',
        section_title: 'Technology Stack',
        customer_id: customerId,
      }),
    );
    const ready = await waitForSection(api.http, key, jobId);
    expect(fromBase64(ready.data.result!.generated_section_b64)).toBe(
      '# Technology Stack\n\nNode.js and Postgres.',
    );
    const [seen] = llm.requests;
    expect(seen.authorization).toBe('Bearer sk-test-fake-llm-key');
    expect(seen.body.model).toBe('fake-model');
    const system = seen.body.messages.find((message) => message.role === 'system')!.content;
    expect(system).toContain('"Technology Stack" section of a Technical scope');
    expect(system).toContain('Platforms; Languages and frameworks; Hosting');
    expect(seen.body.messages.find((m) => m.role === 'user')!.content).toContain(customerId);
    const [row] = (await db.query(
      `SELECT prompt_tokens, completion_tokens FROM section_jobs WHERE id = $1`,
      [jobId],
    )) as Record<string, number>[];
    expect(row).toEqual({ prompt_tokens: 120, completion_tokens: 45 });
  });

  it('sends the decoded section and the prompt for /refine', async () => {
    const jobId = await startSection(
      api.http,
      key,
      generateBody({
        original_text: base64('# Appendix\n\nÜbersicht der Daten.'),
        prompt: 'Translate to English',
      }),
      '/refine',
    );
    const ready = await waitForSection(api.http, key, jobId);
    expect(ready.data.result!.refined_section_b64).toBeDefined();
    const user = llm.requests[0].body.messages.find((m) => m.role === 'user')!.content;
    expect(user).toContain('Instruction: Translate to English');
    expect(user).toContain('# Appendix\n\nÜbersicht der Daten.');
  });

  it('retries 429 (honouring retry-after) and 500, then succeeds', async () => {
    llm.reply(
      { status: 429, headers: { 'retry-after-ms': '20' } },
      { status: 500, headers: { 'retry-after-ms': '20' } },
    );
    const jobId = await startSection(api.http, key, generateBody({ customer_id: customer() }));
    const ready = await waitForSection(api.http, key, jobId);
    expect(ready.status).toBe('ready');
    expect(llm.requests).toHaveLength(3);
  });

  it.each([
    [
      '429 on every try',
      { status: 429, headers: { 'retry-after-ms': '10' } },
      'PROVIDER_RATE_LIMITED',
    ],
    ['500 on every try', { status: 500, headers: { 'retry-after-ms': '10' } }, 'PROVIDER_ERROR'],
    ['a slow answer on every try', { delayMs: 1_500 }, 'PROVIDER_TIMEOUT'],
    ['malformed JSON', { raw: '{"choices": [' }, 'PROVIDER_ERROR'],
    ['an empty completion', { content: '' }, 'PROVIDER_ERROR'],
  ])('records %s as the job error', async (_case, reply, errorCode) => {
    llm.fallback = () => reply;
    const jobId = await startSection(api.http, key, generateBody({ customer_id: customer() }));
    const failed = await waitForSection(api.http, key, jobId);
    expect(failed).toEqual({
      status: 'error',
      message: 'Job failed',
      data: {
        job_id: jobId,
        status: 'failed',
        error: { error_code: errorCode, message: expect.any(String) },
      },
    });
    const [row] = (await db.query(`SELECT state, error_code FROM section_jobs WHERE id = $1`, [
      jobId,
    ])) as Record<string, string>[];
    expect(row).toEqual({ state: 'failed', error_code: errorCode });
  });

  it('keeps at most LLM_CONCURRENCY calls in flight', async () => {
    llm.fallback = () => ({ delayMs: 150 });
    const ids = await Promise.all(
      Array.from({ length: 6 }, () =>
        startSection(api.http, key, generateBody({ customer_id: customer() })),
      ),
    );
    for (const id of ids) expect((await waitForSection(api.http, key, id)).status).toBe('ready');
    expect(llm.maxInFlight).toBe(2);
  });

  it('answers busy with Retry-After while running, and cancel stops the provider call', async () => {
    const customerId = customer();
    llm.fallback = () => ({ delayMs: 5_000 });
    const jobId = await startSection(api.http, key, generateBody({ customer_id: customerId }));
    await until(() => llm.requestsFor(customerId).length > 0);
    const busy = await api.http.get(`/status/${jobId}`).set('X-API-Key', key).expect(200);
    expect(busy.body).toEqual({
      status: 'busy',
      message: 'Job running',
      data: { job_id: jobId, status: 'processing' },
    });
    expect(busy.headers['retry-after']).toBe('1');

    const cancelled = await api.http
      .post(`/status/${jobId}/cancel`)
      .set('X-API-Key', key)
      .expect(200);
    expect(cancelled.body).toEqual({
      status: 'ok',
      message: 'Job cancelled',
      data: { job_id: jobId, status: 'cancelled' },
    });
    await until(() => llm.requestsFor(customerId)[0].aborted);
    const after = await api.http.get(`/status/${jobId}`).set('X-API-Key', key).expect(200);
    expect(after.body).toEqual({
      status: 'error',
      message: 'Job cancelled',
      data: {
        job_id: jobId,
        status: 'failed',
        error: { error_code: 'CANCELLED', message: 'The job was cancelled' },
      },
    });
    await api.http.post(`/status/${jobId}/cancel`).set('X-API-Key', key).expect(400);
  });

  it('cancels a queued job before any provider call', async () => {
    llm.fallback = () => ({ delayMs: 1_000 });
    // Two slow jobs fill LLM_CONCURRENCY; the third waits its turn, unstarted at the provider.
    const busy = await Promise.all(
      [0, 1].map(() => startSection(api.http, key, generateBody({ customer_id: customer() }))),
    );
    const customerId = customer();
    const waiting = await startSection(api.http, key, generateBody({ customer_id: customerId }));
    await api.http.post(`/status/${waiting}/cancel`).set('X-API-Key', key).expect(200);
    for (const id of busy) await waitForSection(api.http, key, id);
    await new Promise((wait) => setTimeout(wait, 300));
    expect(llm.requestsFor(customerId)).toHaveLength(0);
    const [row] = (await db.query(`SELECT state FROM section_jobs WHERE id = $1`, [waiting])) as {
      state: string;
    }[];
    expect(row.state).toBe('cancelled');
  });
});
