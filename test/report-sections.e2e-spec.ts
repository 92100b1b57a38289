import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ApiKeyService } from '../src/auth/api-keys/api-key.service.js';
import { RetentionService } from '../src/queue/retention.service.js';
import {
  base64,
  fromBase64,
  generateBody,
  startSection,
  waitForSection,
} from './support/sections.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { unique } from './support/unique.js';

describe('report sections (seed 003) with the built-in generator', () => {
  let api: TestApp;
  let db: DataSource;
  let key: string;
  let otherKey: string;

  beforeAll(async () => {
    api = await startTestApp();
    db = api.app.get(DataSource);
    const keys = api.app.get(ApiKeyService);
    key = (await keys.create(`sections-${unique()}`)).key;
    otherKey = (await keys.create(`sections-other-${unique()}`)).key;
  });

  afterAll(() => api.close());

  const post = (path: string, body: unknown, session: string | null = 'session_1') => {
    const request = api.http.post(path).set('X-API-Key', key);
    if (session !== null) request.set('Session-Id', session);
    return request.send(body as object);
  };

  it('accepts /generate with 202 and the job id, then answers ready with the section', async () => {
    const response = await post('/generate', generateBody()).expect(202);
    const jobId = (response.body as { data: { job_id: string } }).data.job_id;
    expect(response.body).toEqual({
      status: 'processing',
      message: 'Job queued',
      data: { job_id: jobId, status: 'pending' },
    });
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/);

    const ready = await waitForSection(api.http, key, jobId);
    const markdown = fromBase64(ready.data.result!.generated_section_b64);
    expect(ready).toEqual({
      status: 'ready',
      message: 'Job completed',
      data: {
        job_id: jobId,
        status: 'completed',
        result: {
          customer_id: 'cust_001',
          opportunity_id: 'opp_042',
          section_title: 'Executive Summary',
          generated_section_b64: expect.any(String),
        },
      },
    });
    expect(markdown).toMatch(/^# Executive Summary\n/);
    expect(markdown).toContain('Template output');
    expect(markdown).toContain('**Customer:** cust_001');
    expect(markdown).toContain('## Key findings');
    const [row] = (await db.query(
      `SELECT session_id, kind, state, attempts FROM section_jobs WHERE id = $1`,
      [jobId],
    )) as Record<string, unknown>[];
    expect(row).toEqual({
      session_id: 'session_1',
      kind: 'generate',
      state: 'completed',
      attempts: 1,
    });
  });

  it('refines a section: the result is refined_section_b64 and applies the prompt visibly', async () => {
    const original =
      '# Risk Assessment\n\nThe first risk is scope. The second is budget. The third is time.';
    const jobId = await startSection(
      api.http,
      key,
      generateBody({
        section_title: 'Risk Assessment',
        original_text: base64(original),
        prompt: 'Make it shorter',
      }),
      '/refine',
    );
    const ready = await waitForSection(api.http, key, jobId);
    expect(Object.keys(ready.data.result!).sort()).toEqual([
      'customer_id',
      'opportunity_id',
      'refined_section_b64',
      'section_title',
    ]);
    expect(fromBase64(ready.data.result!.refined_section_b64)).toBe(
      '> Template refinement applied for the prompt: "Make it shorter"\n\n' +
        '# Risk Assessment\n\nThe first risk is scope.\n',
    );
  });

  it('accepts every canonical title of its type and the default Commercial_proposal titles', async () => {
    await post(
      '/generate',
      generateBody({ type: 'Technical_scope', section_title: 'Security & Compliance' }),
    ).expect(202);
    await post(
      '/generate',
      generateBody({ type: 'Commercial_proposal', section_title: 'Pricing' }),
    ).expect(202);
  });

  describe('headers and credentials', () => {
    it('requires Session-Id on /generate and /refine: 400 BAD_REQUEST with the path', async () => {
      const response = await post('/generate', generateBody(), null).expect(400);
      expect(response.body).toEqual({
        status: 'error',
        message: 'Session-Id is required',
        data: { error_code: 'BAD_REQUEST', path: '/generate' },
      });
      const refine = await post('/refine', generateBody(), null).expect(400);
      expect(refine.body).toMatchObject({ data: { error_code: 'BAD_REQUEST', path: '/refine' } });
    });

    it('answers 401 in the envelope for a missing, wrong or revoked key', async () => {
      const missing = await api.http
        .post('/generate')
        .set('Session-Id', 's')
        .send(generateBody())
        .expect(401);
      expect(missing.body).toEqual({
        status: 'error',
        message: 'X-API-Key header is required',
        data: { error_code: 'UNAUTHORIZED', path: '/generate' },
      });
      const wrong = await api.http
        .get(`/status/${randomUUID()}`)
        .set('X-API-Key', 'ik_not-a-real-key-at-all')
        .expect(401);
      expect(wrong.body).toMatchObject({ status: 'error', data: { error_code: 'UNAUTHORIZED' } });

      const keys = api.app.get(ApiKeyService);
      const name = `revoked-${unique()}`;
      const revoked = (await keys.create(name)).key;
      const jobId = await startSection(api.http, revoked);
      await keys.revoke(name);
      const afterRevoke = await api.http
        .get(`/status/${jobId}`)
        .set('X-API-Key', revoked)
        .expect(401);
      expect(afterRevoke.body).toMatchObject({
        status: 'error',
        data: { error_code: 'UNAUTHORIZED' },
      });
    });
  });

  describe('validation: each a 4xx in the envelope', () => {
    it('rejects an unknown type with 422 and pydantic-style details', async () => {
      const response = await post('/generate', generateBody({ type: 'Marketing_plan' })).expect(
        422,
      );
      expect(response.body).toMatchObject({
        status: 'error',
        data: {
          error_code: 'VALIDATION_ERROR',
          path: '/generate',
          details: [expect.objectContaining({ loc: ['body', 'type'] })],
        },
      });
    });

    it('rejects a title of another type with 422 on section_title', async () => {
      const response = await post(
        '/generate',
        generateBody({ type: 'Feasibility_report', section_title: 'Technology Stack' }),
      ).expect(422);
      expect(response.body.data.details).toEqual([
        expect.objectContaining({ loc: ['body', 'section_title'] }),
      ]);
    });

    it.each([
      ['not base64', 'this is not base64!'],
      ['base64 of bytes that are not UTF-8', Buffer.from([0xff, 0xfe, 0xc3]).toString('base64')],
      ['empty', ''],
    ])('rejects original_text that is %s', async (_case, originalText) => {
      const response = await post(
        '/refine',
        generateBody({ original_text: originalText, prompt: 'shorter' }),
      ).expect(422);
      expect(response.body.data.details).toEqual([
        expect.objectContaining({ loc: ['body', 'original_text'] }),
      ]);
    });

    it('rejects a refine without a prompt, and missing fields', async () => {
      const response = await post('/refine', { type: 'Technical_scope' }).expect(422);
      const fields = (response.body.data.details as { loc: string[] }[]).map((d) => d.loc[1]);
      expect(new Set(fields)).toEqual(
        new Set(['customer_id', 'opportunity_id', 'section_title', 'original_text', 'prompt']),
      );
    });

    it('rejects a body over the limit with 413 and a non-JSON body with 400', async () => {
      const huge = await post(
        '/refine',
        generateBody({ original_text: 'A'.repeat(1_100_000), prompt: 'x' }),
      ).expect(413);
      expect(huge.body).toMatchObject({
        status: 'error',
        data: { error_code: 'PAYLOAD_TOO_LARGE' },
      });
      const broken = await api.http
        .post('/generate')
        .set('X-API-Key', key)
        .set('Session-Id', 's')
        .set('Content-Type', 'application/json')
        .send('{"type": "Feasibility_report",')
        .expect(400);
      expect(broken.body).toEqual({
        status: 'error',
        message: 'Request body is not valid JSON',
        data: { error_code: 'BAD_REQUEST', path: '/generate' },
      });
    });

    it('rejects a Session-Id over 128 characters with 422', async () => {
      const response = await post('/generate', generateBody(), 's'.repeat(129)).expect(422);
      expect(response.body.data.details).toEqual([
        expect.objectContaining({ loc: ['header', 'session-id'] }),
      ]);
    });
  });

  describe('GET /status/{job_id}', () => {
    it("answers 404 JOB_NOT_FOUND for unknown ids, non-UUIDs and other keys' jobs", async () => {
      const unknown = randomUUID();
      const response = await api.http.get(`/status/${unknown}`).set('X-API-Key', key).expect(404);
      expect(response.body).toEqual({
        status: 'error',
        message: `Job ${unknown} not found`,
        data: { error_code: 'JOB_NOT_FOUND', path: `/status/${unknown}` },
      });
      await api.http.get('/status/not-a-uuid').set('X-API-Key', key).expect(404);
      const mine = await startSection(api.http, key);
      const theirs = await api.http.get(`/status/${mine}`).set('X-API-Key', otherKey).expect(404);
      expect(theirs.body).toMatchObject({ data: { error_code: 'JOB_NOT_FOUND' } });
    });

    it("answers a section job polled with a bearer token in seed 000's shape: not found", async () => {
      const jobId = await startSection(api.http, key);
      const bearer = `Bearer ${api.token('lead-user')}`;
      const response = await api.http
        .get(`/status/${jobId}`)
        .set('Authorization', bearer)
        .expect(404);
      expect(response.body).toEqual({
        error: {
          code: 'UPLOAD_NOT_FOUND',
          message: 'Upload ID not found or has expired',
          timestamp: expect.any(String),
        },
      });
      const cancel = await api.http
        .post(`/status/${jobId}/cancel`)
        .set('Authorization', bearer)
        .expect(404);
      expect(cancel.body.error.code).toBe('UPLOAD_NOT_FOUND');
      const invalid = await api.http.get('/status/123').set('Authorization', bearer).expect(400);
      expect(invalid.body.error.code).toBe('INVALID_UPLOAD_ID');
      const anonymous = await api.http.get(`/status/${jobId}`).expect(401);
      expect(anonymous.body.error.code).toBe('UNAUTHORIZED');
    });

    it('answers an ETag, and 304 to If-None-Match while nothing changed', async () => {
      const jobId = await startSection(api.http, key);
      await waitForSection(api.http, key, jobId);
      const first = await api.http.get(`/status/${jobId}`).set('X-API-Key', key).expect(200);
      const etag = first.headers.etag as string;
      expect(etag).toBeTruthy();
      const again = await api.http
        .get(`/status/${jobId}`)
        .set('X-API-Key', key)
        .set('If-None-Match', etag)
        .expect(304);
      expect(again.text).toBe('');
    });

    it('forgets a job after its 24 hours: 404, then purged by retention', async () => {
      const jobId = await startSection(api.http, key);
      await waitForSection(api.http, key, jobId);
      await db.query(
        `UPDATE section_jobs SET expires_at = now() - interval '1 second' WHERE id = $1`,
        [jobId],
      );
      await api.http.get(`/status/${jobId}`).set('X-API-Key', key).expect(404);
      await api.app.get(RetentionService).purgeAll();
      expect(await db.query(`SELECT id FROM section_jobs WHERE id = $1`, [jobId])).toEqual([]);
    });
  });

  describe('cancel', () => {
    it("answers 400 CANNOT_CANCEL for a finished job, 404 for another key's", async () => {
      const jobId = await startSection(api.http, key);
      await waitForSection(api.http, key, jobId);
      const response = await api.http
        .post(`/status/${jobId}/cancel`)
        .set('X-API-Key', key)
        .expect(400);
      expect(response.body).toEqual({
        status: 'error',
        message: `Job ${jobId} has already finished`,
        data: { error_code: 'CANNOT_CANCEL', path: `/status/${jobId}/cancel` },
      });
      await api.http.post(`/status/${jobId}/cancel`).set('X-API-Key', otherKey).expect(404);
    });
  });

  describe('Idempotency-Key', () => {
    it('returns the original job for the same key and body, 422 for another body', async () => {
      const idempotencyKey = `idem-${unique()}`;
      const send = (body: object) => post('/generate', body).set('Idempotency-Key', idempotencyKey);
      const first = await send(generateBody()).expect(202);
      const second = await send(generateBody()).expect(202);
      expect(second.body).toEqual(first.body);
      const [{ count }] = (await db.query(
        `SELECT count(*)::int AS count FROM section_jobs WHERE idempotency_key = $1`,
        [idempotencyKey],
      )) as { count: number }[];
      expect(count).toBe(1);

      const different = await send(generateBody({ customer_id: 'cust_999' })).expect(422);
      expect(different.body.data.details).toEqual([
        expect.objectContaining({ loc: ['header', 'Idempotency-Key'] }),
      ]);
      // Keys are per API key: another key may use the same one.
      await api.http
        .post('/generate')
        .set('X-API-Key', otherKey)
        .set('Session-Id', 's')
        .set('Idempotency-Key', idempotencyKey)
        .send(generateBody())
        .expect(202);
    });
  });

  describe('GET /sessions/{session_id}/jobs', () => {
    it("lists a session's jobs for this key, newest first", async () => {
      const session = `session-${unique()}`;
      const first = await startSection(api.http, key, generateBody(), '/generate', session);
      const second = await startSection(
        api.http,
        key,
        generateBody({ section_title: 'Appendix' }),
        '/generate',
        session,
      );
      await waitForSection(api.http, key, second);
      await startSection(api.http, otherKey, generateBody(), '/generate', session);
      const response = await api.http
        .get(`/sessions/${session}/jobs`)
        .set('X-API-Key', key)
        .expect(200);
      expect(response.body).toMatchObject({
        status: 'ok',
        message: 'Session jobs',
        data: { session_id: session, total: 2 },
      });
      expect((response.body.data.jobs as { job_id: string }[]).map((job) => job.job_id)).toEqual([
        second,
        first,
      ]);
      expect(response.body.data.jobs[0]).toEqual({
        job_id: second,
        kind: 'generate',
        type: 'Feasibility_report',
        customer_id: 'cust_001',
        opportunity_id: 'opp_042',
        section_title: 'Appendix',
        status: 'completed',
        created_at: expect.any(String),
        updated_at: expect.any(String),
      });
    });
  });
});
