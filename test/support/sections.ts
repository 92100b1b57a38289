import type TestAgent from 'supertest/lib/agent.js';

export const generateBody = (overrides: Record<string, unknown> = {}) => ({
  type: 'Feasibility_report',
  customer_id: 'cust_001',
  opportunity_id: 'opp_042',
  section_title: 'Executive Summary',
  ...overrides,
});

export const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
export const fromBase64 = (text: string): string => Buffer.from(text, 'base64').toString('utf8');

export interface StatusEnvelope {
  status: string;
  message: string;
  data: Record<string, unknown> & {
    status: string;
    result?: Record<string, string>;
    error?: { error_code: string; message: string };
  };
}

/** Starts a generate job and returns its id. */
export async function startSection(
  http: TestAgent,
  apiKey: string,
  body: Record<string, unknown> = generateBody(),
  path: '/generate' | '/refine' = '/generate',
  session = 'session_1',
): Promise<string> {
  const response = await http
    .post(path)
    .set('X-API-Key', apiKey)
    .set('Session-Id', session)
    .send(body)
    .expect(202);
  return (response.body as { data: { job_id: string } }).data.job_id;
}

/** Polls `GET /status/{id}` until the job is ready or failed. */
export async function waitForSection(
  http: TestAgent,
  apiKey: string,
  id: string,
  timeoutMs = 30_000,
): Promise<StatusEnvelope> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await http.get(`/status/${id}`).set('X-API-Key', apiKey).expect(200);
    const body = response.body as StatusEnvelope;
    if (body.status === 'ready' || body.status === 'error') return body;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${body.status}`);
    await new Promise((wait) => setTimeout(wait, 25));
  }
}
