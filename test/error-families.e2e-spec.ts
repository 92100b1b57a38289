import { ApiKeyService } from '../src/auth/api-keys/api-key.service.js';
import { ErrorFamily } from '../src/common/errors/error-family.js';
import { withProbes } from './support/probe.module.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const ISO = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
const BAD_BODY = { email: 'not-an-email', count: 11, name: 'x' };
const API_KEY = 'probe-key-0123456789abcdef';

describe('error families: every failure in its contract’s shape', () => {
  let api: TestApp;
  let editor: string;
  let uploader: string;

  beforeAll(async () => {
    api = await startTestApp({ BOOTSTRAP_API_KEYS: `probe:${API_KEY}` }, { extend: withProbes });
    editor = api.token('ed', ['editor']);
    uploader = api.token('up', ['uploader']);
  });

  afterAll(() => api.close());

  const probe = (family: ErrorFamily, path: string) => `/probe/${family}/${path}`;

  describe('seed 000 (lead status): {"error":{"code","message","timestamp"}}', () => {
    const f = ErrorFamily.LeadStatus;

    it('404 with the contract code and a timestamp', async () => {
      const { body } = await api.http.get(probe(f, 'missing')).expect(404);
      expect(body).toEqual({
        error: { code: 'NOT_FOUND', message: 'Thing 42 not found', timestamp: ISO },
      });
    });

    it('bad input is a 400 naming each field', async () => {
      const { body } = await api.http.post(probe(f, 'validate')).send(BAD_BODY).expect(400);
      expect(body.error.code).toBe('VALIDATION_ERROR');
      expect(body.error.message).toContain('body.email: email must be an email');
      expect(body.error.message).toContain('body.count: count must not be greater than 10');
    });

    it('401 UNAUTHORIZED, INVALID_TOKEN, TOKEN_EXPIRED; 403 FORBIDDEN', async () => {
      expect((await api.http.get(probe(f, 'protected')).expect(401)).body.error.code).toBe(
        'UNAUTHORIZED',
      );
      const invalid = await api.http
        .get(probe(f, 'protected'))
        .set('Authorization', 'Bearer x.y.z')
        .expect(401);
      expect(invalid.body.error.code).toBe('INVALID_TOKEN');
      const forbidden = await api.http
        .get(probe(f, 'protected'))
        .set('Authorization', `Bearer ${uploader}`)
        .expect(403);
      expect(forbidden.body).toEqual({
        error: { code: 'FORBIDDEN', message: 'Requires one of the groups: editor', timestamp: ISO },
      });
      await api.http
        .get(probe(f, 'protected'))
        .set('Authorization', `Bearer ${editor}`)
        .expect(200, { ok: true });
    });

    it('500s say nothing of the cause: INTERNAL_ERROR and DATABASE_ERROR', async () => {
      const crash = await api.http.get(probe(f, 'crash')).expect(500);
      expect(crash.body).toEqual({
        error: { code: 'INTERNAL_ERROR', message: 'An unexpected error occurred', timestamp: ISO },
      });
      const sql = await api.http.get(probe(f, 'sql')).expect(500);
      expect(sql.body).toEqual({
        error: { code: 'DATABASE_ERROR', message: 'A database operation failed', timestamp: ISO },
      });
      expect(JSON.stringify(sql.body)).not.toContain('table_that_does_not_exist');
    });
  });

  describe('seed 001 (alignment tasks): {"status":"error","message","error_code"}', () => {
    const f = ErrorFamily.AlignmentTasks;

    it('404, 401 and 500', async () => {
      expect((await api.http.get(probe(f, 'missing')).expect(404)).body).toEqual({
        status: 'error',
        message: 'Thing 42 not found',
        error_code: 'NOT_FOUND',
      });
      expect((await api.http.get(probe(f, 'protected')).expect(401)).body).toEqual({
        status: 'error',
        message: 'A bearer token is required',
        error_code: 'UNAUTHORIZED',
      });
      expect((await api.http.get(probe(f, 'crash')).expect(500)).body).toEqual({
        status: 'error',
        message: 'An unexpected error occurred',
        error_code: 'INTERNAL_ERROR',
      });
    });

    it('validation is a 422', async () => {
      const { body } = await api.http.post(probe(f, 'validate')).send(BAD_BODY).expect(422);
      expect(body.error_code).toBe('VALIDATION_ERROR');
      expect(body.message).toContain('body.email');
    });
  });

  describe('seed 002 (contacts ingestion): FastAPI {"detail": ...}', () => {
    const f = ErrorFamily.ContactsIngestion;

    it('plain errors are {"detail": "..."}', async () => {
      expect((await api.http.get(probe(f, 'missing')).expect(404)).body).toEqual({
        detail: 'Thing 42 not found',
      });
      expect((await api.http.get(probe(f, 'protected')).expect(401)).body).toEqual({
        detail: 'A bearer token is required',
      });
      expect((await api.http.get(probe(f, 'sql')).expect(500)).body).toEqual({
        detail: 'A database operation failed',
      });
    });

    it('validation is 422 with a Pydantic-style list', async () => {
      const { body } = await api.http.post(probe(f, 'validate')).send(BAD_BODY).expect(422);
      expect(body.detail).toEqual(
        expect.arrayContaining([
          { loc: ['body', 'email'], msg: 'email must be an email', type: 'isEmail' },
          { loc: ['body', 'count'], msg: 'count must not be greater than 10', type: 'max' },
        ]),
      );
    });

    it('unknown fields are rejected, not silently dropped', async () => {
      const { body } = await api.http
        .post(probe(f, 'validate'))
        .send({ email: 'a@b.co', count: 1, name: 'n', staging_row_hash: 'x' })
        .expect(422);
      expect(body.detail).toEqual([
        {
          loc: ['body', 'staging_row_hash'],
          msg: 'property staging_row_hash should not exist',
          type: 'whitelistValidation',
        },
      ]);
    });
  });

  describe('seed 003 (report sections): the envelope with data.error_code and data.path', () => {
    const f = ErrorFamily.ReportSections;

    it('404 with the contract’s code and path', async () => {
      expect((await api.http.get(probe(f, 'missing')).expect(404)).body).toEqual({
        status: 'error',
        message: 'Thing 42 not found',
        data: { error_code: 'JOB_NOT_FOUND', path: `/probe/${f}/missing` },
      });
    });

    it('401 for a missing or wrong API key', async () => {
      expect((await api.http.get(probe(f, 'keyed')).expect(401)).body).toEqual({
        status: 'error',
        message: 'X-API-Key header is required',
        data: { error_code: 'UNAUTHORIZED', path: `/probe/${f}/keyed` },
      });
      await api.http.get(probe(f, 'keyed')).set('X-API-Key', 'wrong-key-0123456789').expect(401);
      await api.http.get(probe(f, 'keyed')).set('X-API-Key', API_KEY).expect(200, { ok: true });
    });

    it('422 carries data.details', async () => {
      const { body } = await api.http.post(probe(f, 'validate')).send(BAD_BODY).expect(422);
      expect(body.status).toBe('error');
      expect(body.data.error_code).toBe('VALIDATION_ERROR');
      expect(body.data.details).toContainEqual({
        loc: ['body', 'email'],
        msg: 'email must be an email',
        type: 'isEmail',
      });
    });

    it('a body that is not JSON is a 400 in the envelope', async () => {
      const { body } = await api.http
        .post(probe(f, 'validate'))
        .set('Content-Type', 'application/json')
        .send('{"email": ')
        .expect(400);
      expect(body).toMatchObject({ status: 'error', data: { error_code: 'BAD_REQUEST' } });
    });
  });

  describe('seed 004 (result flow): {"error":{"code","message","details"}} with lower_snake codes', () => {
    const f = ErrorFamily.ResultFlow;

    it('404, 403 and validation', async () => {
      expect((await api.http.get(probe(f, 'missing')).expect(404)).body).toEqual({
        error: { code: 'not_found', message: 'Thing 42 not found', details: null },
      });
      expect(
        (
          await api.http
            .get(probe(f, 'protected'))
            .set('Authorization', `Bearer ${uploader}`)
            .expect(403)
        ).body,
      ).toEqual({
        error: { code: 'forbidden', message: 'Requires one of the groups: editor', details: null },
      });
      const { body } = await api.http.post(probe(f, 'validate')).send(BAD_BODY).expect(422);
      expect(body.error.code).toBe('validation_error');
      expect(body.error.details).toContainEqual({
        location: 'body',
        field: ['email'],
        message: 'email must be an email',
        type: 'isEmail',
      });
    });

    it('a path id that is not a number is a 400', async () => {
      expect((await api.http.get(probe(f, 'items/abc')).expect(400)).body.error.code).toBe(
        'bad_request',
      );
      await api.http.get(probe(f, 'items/7')).expect(200, { id: 7 });
    });
  });

  it('unknown routes answer 404 in the platform shape', async () => {
    expect((await api.http.get('/no/such/route').expect(404)).body).toEqual({
      error: { code: 'not_found', message: 'Cannot GET /no/such/route', details: null },
    });
  });

  it('a revoked API key stops working at once', async () => {
    await api.http
      .get(probe(ErrorFamily.ReportSections, 'keyed'))
      .set('X-API-Key', API_KEY)
      .expect(200);
    expect(await api.app.get(ApiKeyService).revoke('probe')).toBe(true);
    await api.http
      .get(probe(ErrorFamily.ReportSections, 'keyed'))
      .set('X-API-Key', API_KEY)
      .expect(401);
  });
});

describe('rate limits', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp({ RATE_LIMIT_DEFAULT_PER_MINUTE: '3' }, { extend: withProbes });
  });

  afterAll(() => api.close());

  it('counts per user across routes, then answers 429 with Retry-After in the family’s shape', async () => {
    const token = api.token(`limited-${Date.now()}`, ['editor']);
    const call = (family: ErrorFamily) =>
      api.http.get(`/probe/${family}/protected`).set('Authorization', `Bearer ${token}`);
    const first = await call(ErrorFamily.LeadStatus).expect(200);
    expect(first.headers['ratelimit-limit']).toBe('3');
    expect(first.headers['ratelimit-remaining']).toBe('2');
    await call(ErrorFamily.ResultFlow).expect(200);
    await call(ErrorFamily.LeadStatus).expect(200);
    const limited = await call(ErrorFamily.LeadStatus).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body).toEqual({
      error: { code: 'RATE_LIMITED', message: 'Too many requests, retry later', timestamp: ISO },
    });
    const other = await call(ErrorFamily.ContactsIngestion).expect(429);
    expect(other.body).toEqual({ detail: 'Too many requests, retry later' });
    // Another user has a bucket of their own.
    await api.http
      .get(`/probe/${ErrorFamily.LeadStatus}/protected`)
      .set('Authorization', `Bearer ${api.token(`other-${Date.now()}`, ['editor'])}`)
      .expect(200);
  });
});
