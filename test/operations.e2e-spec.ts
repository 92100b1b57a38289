import { startTestApp, type TestApp } from './support/test-app.js';

/** Collects the app's log lines, parsed. */
class LogCapture {
  readonly lines: Record<string, unknown>[] = [];
  write(line: string): void {
    this.lines.push(JSON.parse(line) as Record<string, unknown>);
  }
  find(predicate: (line: Record<string, unknown>) => boolean): Record<string, unknown> | undefined {
    return this.lines.find(predicate);
  }
}

describe('operations: request ids, logs, health, metrics, API docs', () => {
  const logs = new LogCapture();
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp({ LOG_LEVEL: 'info' }, { logDestination: logs });
  });

  afterAll(() => api.close());

  it('echoes a client’s X-Request-Id and makes one when there is none or it is unsafe', async () => {
    const given = await api.http.get('/health').set('X-Request-Id', 'client-abc.123').expect(200);
    expect(given.headers['x-request-id']).toBe('client-abc.123');
    const made = await api.http.get('/health').expect(200);
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const unsafe = await api.http
      .get('/health')
      .set('X-Request-Id', 'bad id\twith<html>')
      .expect(200);
    expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs each request as one JSON line with request id, user id and duration, and no secrets', async () => {
    const token = api.token('logged-user', ['uploader']);
    await api.http
      .get('/me')
      .set('Authorization', `Bearer ${token}`)
      .set('X-Request-Id', 'trace-me-1')
      .expect(200);
    const line = logs.find(
      (entry) => entry.request_id === 'trace-me-1' && entry.message === 'request completed',
    );
    expect(line).toMatchObject({
      level: 'INFO',
      logger: 'HTTP',
      method: 'GET',
      path: '/me',
      status: 200,
      user_id: 'logged-user',
    });
    expect(typeof line!.timestamp).toBe('string');
    expect(typeof line!.duration_ms).toBe('number');
    expect(JSON.stringify(logs.lines)).not.toContain(token);
  });

  it('redacts secrets in logged objects', async () => {
    const { Logger } = await import('@nestjs/common');
    new Logger('Probe').log(
      { password: 'hunter2', headers: { authorization: 'Bearer abc' } },
      'probe',
    );
    const line = logs.find((entry) => entry.message === 'probe');
    expect(line).toMatchObject({
      password: '[REDACTED]',
      headers: { authorization: '[REDACTED]' },
    });
  });

  it('reports Postgres and Redis health', async () => {
    const { body } = await api.http.get('/health').expect(200);
    expect(body).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, redis: { status: 'up' } },
    });
  });

  it('exposes Prometheus metrics with request durations by route and status', async () => {
    await api.http.get('/me').expect(401);
    const { text } = await api.http.get('/metrics').expect(200);
    expect(text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/me",status="401"\} \d+/,
    );
    expect(text).toContain('process_cpu_seconds_total');
  });

  it('serves Swagger UI, the OpenAPI document with both security schemes, and ReDoc', async () => {
    await api.http.get('/docs').expect(200);
    const { body } = await api.http.get('/docs-json').expect(200);
    expect(body.components.securitySchemes).toEqual({
      bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      'api-key': { type: 'apiKey', in: 'header', name: 'X-API-Key' },
    });
    expect(body.paths['/me'].get.security).toEqual([{ bearer: [] }]);
    expect(body.paths['/health']).toBeDefined();
    for (const path of [
      '/jobs',
      '/jobs/upload',
      '/jobs/{job_id}/reprocess',
      '/jobs/{job_id}',
      '/issues',
      '/issues/job/{job_id}',
      '/issues/{issue_id}',
      '/staging/{staging_id}',
      '/contacts',
      '/generate',
      '/refine',
      '/status/{id}',
      '/status/{id}/cancel',
      '/sessions/{session_id}/jobs',
    ]) {
      expect(body.paths[path]).toBeDefined();
    }
    expect(body.paths['/generate'].post.security).toEqual([{ 'api-key': [] }]);
    // The shared path documents both contracts' errors.
    const notFound = body.paths['/status/{id}'].get.responses['404'].content['application/json'];
    expect(Object.keys(notFound.examples)).toEqual(['report-sections', 'lead-status']);
    expect(notFound.examples['report-sections'].value).toMatchObject({ status: 'error' });
    expect(notFound.examples['lead-status'].value).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const upload = body.paths['/jobs/upload'].post;
    expect(Object.keys(upload.requestBody.content)).toEqual(['multipart/form-data']);
    expect(upload.responses['409'].content['application/json'].example).toEqual({
      detail: 'Conflicts with the current state',
    });
    expect(
      body.paths['/staging/{staging_id}'].put.responses['422'].content['application/json'].example,
    ).toEqual({
      detail: [{ loc: ['body', 'field'], msg: 'field must be a string', type: 'isString' }],
    });
    const redoc = await api.http.get('/redoc').expect(200);
    expect(redoc.text).toContain('<redoc spec-url="/docs-json">');
  });

  it('serves the built-in issuer’s JWKS', async () => {
    const { body } = await api.http.get('/.well-known/jwks.json').expect(200);
    expect(body.keys).toHaveLength(1);
    expect(body.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(body.keys[0].d).toBeUndefined();
  });
});
