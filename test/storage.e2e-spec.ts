import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { S3Storage } from '../src/storage/s3.storage.js';
import { Storage, StorageNotFoundError } from '../src/storage/storage.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const BODY = 'email,first_name\nada@example.com,Ada\n';

/** The driver contract, run against each driver. */
function behavesAsStorage(name: string, storage: () => Storage): void {
  describe(`${name}: the storage contract`, () => {
    it('stores a stream and reads it back, with its size', async () => {
      const stored = await storage().put('uploads/u1/a.csv', Readable.from([BODY]));
      expect(stored).toEqual({ key: 'uploads/u1/a.csv', size: Buffer.byteLength(BODY) });
      expect(await text(await storage().get('uploads/u1/a.csv'))).toBe(BODY);
      expect(await storage().size('uploads/u1/a.csv')).toBe(Buffer.byteLength(BODY));
    });

    it('stores a file of this machine and reads it back, with its size', async () => {
      const path = join(mkdtempSync(join(tmpdir(), 'intake-put-file-')), 'a.csv');
      writeFileSync(path, BODY);
      const stored = await storage().putFile('uploads/u1/file.csv', path, 'text/csv');
      expect(stored).toEqual({ key: 'uploads/u1/file.csv', size: Buffer.byteLength(BODY) });
      expect(await text(await storage().get('uploads/u1/file.csv'))).toBe(BODY);
      rmSync(dirname(path), { recursive: true, force: true });
    });

    it('deletes, idempotently, and then reports the object missing', async () => {
      await storage().put('uploads/u1/b.csv', Buffer.from(BODY));
      await storage().delete('uploads/u1/b.csv');
      await storage().delete('uploads/u1/b.csv');
      expect(await storage().size('uploads/u1/b.csv')).toBeUndefined();
      await expect(storage().get('uploads/u1/b.csv')).rejects.toBeInstanceOf(StorageNotFoundError);
    });

    it.each(['../etc/passwd', '/etc/passwd', 'a/../../b', 'a//b', 'a/.hidden', 'a b', ''])(
      'refuses the key %j',
      async (key) => {
        await expect(storage().put(key, Buffer.from('x'))).rejects.toThrow('invalid storage key');
      },
    );

    it('signs URLs a client can PUT to and GET from', async () => {
      const putUrl = await storage().signedUrl('uploads/u1/signed.csv', 'PUT', 60);
      const put = await fetch(putUrl, { method: 'PUT', body: BODY });
      expect(put.status).toBe(200);
      const getUrl = await storage().signedUrl('uploads/u1/signed.csv', 'GET', 60);
      const get = await fetch(getUrl);
      expect(get.status).toBe(200);
      expect(await get.text()).toBe(BODY);
    });
  });
}

describe('local storage and its signed URLs, through the app', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp();
    await api.app.listen(0, '127.0.0.1');
    // Signed URLs point at PUBLIC_URL; aim them at the port this app listens on.
    const port = (api.app.getHttpServer().address() as { port: number }).port;
    Object.assign(api.app.get(Storage), { publicUrl: `http://127.0.0.1:${port}` });
  });

  afterAll(() => api.close());

  behavesAsStorage('local', () => api.app.get(Storage));

  it('refuses a URL whose signature, method or expiry was changed', async () => {
    const storage = api.app.get(Storage);
    await storage.put('uploads/u2/x.csv', Buffer.from(BODY));
    const url = new URL(await storage.signedUrl('uploads/u2/x.csv', 'GET', 60));
    const path = `${url.pathname}${url.search}`;
    const ok = await api.http.get(path).buffer(true).expect(200);
    expect(ok.body.toString()).toBe(BODY);
    await api.http.get(path.replace('u2/x.csv', 'u2/y.csv')).expect(403);
    await api.http.put(path).send('overwrite').expect(403);
    url.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 1000));
    await api.http.get(`${url.pathname}${url.search}`).expect(403);
    await api.http.get('/storage/uploads/u2/x.csv').expect(403);
  });

  it('moves a file in from another filesystem by copying it', async () => {
    // /dev/shm is a tmpfs, so renaming from it into the storage root fails with EXDEV.
    expect(existsSync('/dev/shm')).toBe(true);
    const path = join(mkdtempSync('/dev/shm/intake-put-file-'), 'b.csv');
    writeFileSync(path, BODY);
    const storage = api.app.get(Storage);
    expect(await storage.putFile('uploads/u2/shm.csv', path)).toEqual({
      key: 'uploads/u2/shm.csv',
      size: Buffer.byteLength(BODY),
    });
    expect(await text(await storage.get('uploads/u2/shm.csv'))).toBe(BODY);
    rmSync(dirname(path), { recursive: true, force: true });
  });

  it('never serves a path outside the storage root', async () => {
    await api.http
      .get('/storage/..%2F..%2Fetc%2Fpasswd?method=GET&expires=9999999999&signature=x')
      .expect(403);
  });
});

describe('S3 storage against a local S3-compatible server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'intake-s3-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', directory: dir, silent: true });
  let storage: S3Storage;

  beforeAll(async () => {
    const { port } = await server.run();
    const client = new S3Client({
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${port}`,
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    await client.send(new CreateBucketCommand({ Bucket: 'intake-test' }));
    storage = new S3Storage(client, 'intake-test', 900);
  });

  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  behavesAsStorage('s3', () => storage);
});
