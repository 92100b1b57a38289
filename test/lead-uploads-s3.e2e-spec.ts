import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { leadRows, leadsCsv, waitForUpload } from './support/leads.js';
import { type TestApp, startTestApp } from './support/test-app.js';
import { unique } from './support/unique.js';

/** The two-step upload with S3 storage: a presigned PUT, then `/complete` or a status poll. */
describe('two-step lead upload with S3 storage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'intake-s3-leads-'));
  const s3 = new S3rver({ port: 0, address: '127.0.0.1', directory: dir, silent: true });
  let app: TestApp;

  beforeAll(async () => {
    const { port } = await s3.run();
    const endpoint = `http://127.0.0.1:${port}`;
    const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
    await new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials }).send(
      new CreateBucketCommand({ Bucket: 'intake-leads' }),
    );
    // The SDK reads credentials when it first signs, after startTestApp has restored the env.
    process.env.AWS_ACCESS_KEY_ID = credentials.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = credentials.secretAccessKey;
    app = await startTestApp({
      STORAGE_DRIVER: 's3',
      S3_BUCKET: 'intake-leads',
      S3_ENDPOINT: endpoint,
      S3_FORCE_PATH_STYLE: 'true',
      RATE_LIMIT_LEAD_PER_SECOND: '100000',
      RATE_LIMIT_LEAD_PER_MINUTE: '100000',
    });
  });
  afterAll(async () => {
    await app.close();
    await s3.close();
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    rmSync(dir, { recursive: true, force: true });
  });

  const createPending = async (token: string, file: Buffer) => {
    const { body } = await app.http
      .post('/uploads')
      .set('Authorization', `Bearer ${token}`)
      .send({ fileName: 'leads.csv', fileSize: file.length })
      .expect(202);
    expect(body.uploadUrl).toContain('X-Amz-Signature=');
    return body as { uploadId: string; uploadUrl: string };
  };

  it('takes the body at the presigned URL and starts on POST /uploads/{id}/complete', async () => {
    const token = app.token(`s3-${unique()}`, ['uploader']);
    const file = leadsCsv(leadRows(4));
    const pending = await createPending(token, file);
    const early = await app.http
      .post(`/uploads/${pending.uploadId}/complete`)
      .set('Authorization', `Bearer ${token}`)
      .expect(400);
    expect(early.body.error.code).toBe('UPLOAD_INCOMPLETE');
    const put = await fetch(pending.uploadUrl, { method: 'PUT', body: file });
    expect(put.status).toBe(200);
    const completed = await app.http
      .post(`/uploads/${pending.uploadId}/complete`)
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(completed.body).toMatchObject({ status: 'uploaded', fileSize: file.length });
    const status = await waitForUpload(app.http, token, pending.uploadId);
    expect(status).toMatchObject({ status: 'completed', progress: { processedLeads: 4 } });
  });

  it('starts when a status poll finds the object', async () => {
    const token = app.token(`s3-${unique()}`, ['uploader']);
    const file = leadsCsv(leadRows(2));
    const pending = await createPending(token, file);
    expect((await fetch(pending.uploadUrl, { method: 'PUT', body: file })).status).toBe(200);
    const status = await waitForUpload(app.http, token, pending.uploadId);
    expect(status).toMatchObject({ status: 'completed', progress: { totalLeads: 2 } });
  });
});
