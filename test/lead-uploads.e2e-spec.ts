import JSZip from 'jszip';
import pg from 'pg';
import { type TestApp, startTestApp } from './support/test-app.js';
import {
  LEAD_HEADER,
  leadRows,
  leadsCsv,
  leadsXlsx,
  leadsXlsxInline,
  readXlsx,
  uploadLeads,
  waitForUpload,
} from './support/leads.js';
import { damaged, seededRandom } from './support/damage.js';
import { unique } from './support/unique.js';

const MAX_FILE_BYTES = 200 * 1024;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('lead uploads and /status (seed 000)', () => {
  let app: TestApp;
  const db = new pg.Client({ connectionString: process.env.DATABASE_URL });

  beforeAll(async () => {
    app = await startTestApp({
      LEAD_MAX_FILE_BYTES: String(MAX_FILE_BYTES),
      RATE_LIMIT_LEAD_PER_MINUTE: '100000',
      RATE_LIMIT_LEAD_PER_SECOND: '100000',
    });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await app.close();
  });

  const uploader = () => {
    const sub = `uploader-${unique()}`;
    return { sub, token: app.token(sub, ['uploader']) };
  };
  const uploadsOf = async (sub: string) =>
    (await db.query(`SELECT id, status FROM lead_uploads WHERE user_id = $1`, [sub])).rows;

  describe('one-shot upload of an XLSX', () => {
    it('answers 202, processes every lead in batches and serves the enriched file', async () => {
      const { sub, token } = uploader();
      const rows = leadRows(24);
      rows.push(['', '', '', '', '', '']);
      rows.push(['=HYPERLINK("http://evil.example","x")', 'Jane@Gmail.com', '', '', '', '']);
      const file = await leadsXlsx(rows);

      const accepted = await uploadLeads(app.http, token, file, 'q3 leads.xlsx').expect(202);
      expect(accepted.body).toEqual({
        uploadId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        status: 'uploaded',
        stage: 'file_processing',
        fileName: 'q3 leads.xlsx',
        fileSize: file.length,
        statusUrl: expect.stringMatching(new RegExp(`/status/${accepted.body.uploadId}$`)),
      });

      const status = await waitForUpload(app.http, token, accepted.body.uploadId);
      expect(status).toEqual({
        uploadId: accepted.body.uploadId,
        status: 'completed',
        stage: 'completed',
        progress: {
          totalBatches: 3,
          completedBatches: 3,
          totalLeads: 25,
          processedLeads: 25,
          percentage: 100,
        },
        metadata: {
          fileName: 'q3 leads.xlsx',
          fileSize: file.length,
          startTime: expect.stringMatching(ISO),
          estimatedCompletion: expect.stringMatching(ISO),
        },
        createdAt: expect.stringMatching(ISO),
        updatedAt: expect.stringMatching(ISO),
        ttl: expect.any(Number),
      });
      const created = Date.parse(status.createdAt) / 1000;
      expect(status.ttl - created).toBeGreaterThan(24 * 3600 - 5);
      expect(status.ttl - created).toBeLessThan(24 * 3600 + 5);

      const batches = await db.query(
        `SELECT batch_no, state, lead_count FROM lead_batches WHERE upload_id = $1 ORDER BY batch_no`,
        [accepted.body.uploadId],
      );
      expect(batches.rows).toEqual([
        { batch_no: 0, state: 'completed', lead_count: 10 },
        { batch_no: 1, state: 'completed', lead_count: 10 },
        { batch_no: 2, state: 'completed', lead_count: 5 },
      ]);
      expect(await uploadsOf(sub)).toEqual([{ id: accepted.body.uploadId, status: 'completed' }]);

      const result = await app.http
        .get(`/uploads/${accepted.body.uploadId}/result`)
        .set('Authorization', `Bearer ${token}`)
        .responseType('blob')
        .expect(200)
        .expect('Content-Type', /spreadsheetml/)
        .expect('Content-Disposition', /q3 leads-enriched\.xlsx/);
      const sheet = await readXlsx(result.body as Buffer);
      expect(sheet[0]).toEqual([
        ...LEAD_HEADER,
        'enrichment_status',
        'full_name',
        'email_normalized',
        'email_valid',
        'phone_e164',
        'company_domain',
        'free_mail',
        'role_address',
        'lead_score',
        'score_reasons',
      ]);
      expect(sheet).toHaveLength(26);
      const [first] = sheet.slice(1);
      expect(first.slice(6, 15)).toEqual([
        'ok',
        'Lead Person 0',
        'lead.0@example-corp.com',
        'true',
        '+14155551000',
        'example-corp.com',
        'false',
        'false',
        '100',
      ]);
      const hostile = sheet[25];
      expect(hostile[0]).toBe(`'=HYPERLINK("http://evil.example","x")`);
      expect(hostile.slice(6, 13)).toEqual([
        'ok',
        `'=HYPERLINK("http://evil.example","x")`,
        'jane@gmail.com',
        'true',
        '',
        '',
        'true',
      ]);
    });
  });

  describe('one-shot upload of an XLSX saved by a streaming writer', () => {
    it('reads cells that carry their own text, with no shared-strings part', async () => {
      const { token } = uploader();
      const rows = leadRows(12, 'inline');
      const accepted = await uploadLeads(app.http, token, await leadsXlsxInline(rows)).expect(202);

      const status = await waitForUpload(app.http, token, accepted.body.uploadId);
      expect(status.status).toBe('completed');
      expect(status.progress).toMatchObject({ totalLeads: 12, processedLeads: 12 });
      const result = await app.http
        .get(`/uploads/${accepted.body.uploadId}/result`)
        .set('Authorization', `Bearer ${token}`)
        .responseType('blob')
        .expect(200);
      const sheet = await readXlsx(result.body as Buffer);
      // The result neutralises cells that would start a formula, such as "+1 415 …".
      const written = rows.map(([name, email, phone, ...rest]) => [
        name,
        email,
        `'${phone}`,
        ...rest,
      ]);
      expect(sheet.map((row) => row.slice(0, 6))).toEqual([LEAD_HEADER, ...written]);
      expect(sheet[12].slice(6, 9)).toEqual([
        'ok',
        'Inline Person 11',
        'inline.11@example-corp.com',
      ]);
    });
  });

  describe('uploads processed at the same time', () => {
    it('counts each upload its own batches and leads, each batch once', async () => {
      const uploads = await Promise.all(
        [37, 52, 61].map(async (count, index) => {
          const { token } = uploader();
          const file = await leadsXlsx(leadRows(count, `together-${index}`));
          const accepted = await uploadLeads(app.http, token, file).expect(202);
          return { count, token, id: accepted.body.uploadId as string };
        }),
      );
      for (const { count, token, id } of uploads) {
        const status = await waitForUpload(app.http, token, id);
        const batches = Math.ceil(count / 10);
        expect(status).toMatchObject({
          status: 'completed',
          progress: {
            totalBatches: batches,
            completedBatches: batches,
            totalLeads: count,
            processedLeads: count,
          },
        });
        const { rows } = await db.query<{ state: string; batches: number; leads: number }>(
          `SELECT state, count(*)::int AS batches, sum(jsonb_array_length(enrichment))::int AS leads
           FROM lead_batches WHERE upload_id = $1 GROUP BY state`,
          [id],
        );
        expect(rows).toEqual([{ state: 'completed', batches, leads: count }]);
      }
    });
  });

  describe('a file of many batches', () => {
    it('stores and queues its batches in file order while reading on, each processed once', async () => {
      const { token } = uploader();
      const count = 2_345;
      const accepted = await uploadLeads(
        app.http,
        token,
        await leadsXlsx(leadRows(count, 'many')),
      ).expect(202);

      const status = await waitForUpload(app.http, token, accepted.body.uploadId);
      expect(status).toMatchObject({
        status: 'completed',
        progress: {
          totalBatches: 235,
          completedBatches: 235,
          totalLeads: count,
          processedLeads: count,
        },
      });
      const { rows } = await db.query<{ batch_no: number; state: string; rows: number[] }>(
        `SELECT batch_no, state, array_agg((lead.value->>'row')::int ORDER BY lead.ordinality) AS rows
         FROM lead_batches, jsonb_array_elements(leads) WITH ORDINALITY AS lead(value, ordinality)
         WHERE upload_id = $1 GROUP BY batch_no, state ORDER BY batch_no`,
        [accepted.body.uploadId],
      );
      expect(rows.map((batch) => batch.batch_no)).toEqual(Array.from({ length: 235 }, (_, i) => i));
      expect(rows.every((batch) => batch.state === 'completed')).toBe(true);
      expect(rows.flatMap((batch) => batch.rows)).toEqual(
        Array.from({ length: count }, (_, i) => i + 2),
      );
    });
  });

  describe('one-shot upload of a CSV', () => {
    it('reads Windows-1252 with semicolons, skips rows without lead fields, answers a CSV', async () => {
      const { token } = uploader();
      const text =
        'Name;Email;Notes\r\nRené Müller;rene@firma.de;x\r\n;;only notes\r\nJosé;not-an-email;\r\n';
      const file = Buffer.from(text, 'latin1');
      const accepted = await uploadLeads(app.http, token, file, 'leads.csv').expect(202);
      const status = await waitForUpload(app.http, token, accepted.body.uploadId);
      expect(status.progress).toEqual({
        totalBatches: 1,
        completedBatches: 1,
        totalLeads: 2,
        processedLeads: 2,
        percentage: 100,
      });
      const result = await app.http
        .get(`/uploads/${accepted.body.uploadId}/result`)
        .set('Authorization', `Bearer ${token}`)
        .responseType('blob')
        .expect(200)
        .expect('Content-Type', /text\/csv/);
      const lines = (result.body as Buffer)
        .toString('utf8')
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\n');
      expect(lines).toHaveLength(3);
      expect(lines[1]).toMatch(
        /^René Müller,rene@firma\.de,x,ok,René Müller,rene@firma\.de,true,,firma\.de,false,false,/,
      );
      expect(lines[2]).toMatch(/^José,not-an-email,,ok,José,,false,,,false,false,10,/);
    });
  });

  describe('two-step upload', () => {
    it('creates the upload in uploading, takes the body at the signed URL, then processes it', async () => {
      const { token } = uploader();
      const file = leadsCsv(leadRows(3));
      const created = await app.http
        .post('/uploads')
        .set('Authorization', `Bearer ${token}`)
        .send({ fileName: 'later.csv', fileSize: file.length })
        .expect(202);
      expect(created.body).toMatchObject({
        status: 'uploading',
        stage: 'file_upload',
        fileName: 'later.csv',
        uploadUrl: expect.stringContaining(`/uploads/${created.body.uploadId}/file?`),
        uploadUrlExpiresAt: expect.stringMatching(ISO),
      });
      const waiting = await app.http
        .get(`/status/${created.body.uploadId}`)
        .set('Authorization', `Bearer ${token}`)
        .expect(200)
        .expect('Retry-After', '2');
      expect(waiting.body).toMatchObject({
        status: 'uploading',
        stage: 'file_upload',
        metadata: { startTime: null, estimatedCompletion: null },
      });

      const url = new URL(created.body.uploadUrl as string);
      const path = `${url.pathname}${url.search}`;
      await app.http
        .put(path.replace(/signature=[^&]+/, 'signature=forged'))
        .set('Content-Type', 'application/octet-stream')
        .send(file)
        .expect(403);
      const put = await app.http
        .put(path)
        .set('Content-Type', 'application/octet-stream')
        .send(file)
        .expect(200);
      expect(put.body).toMatchObject({ status: 'uploaded', fileSize: file.length });
      await app.http
        .put(path)
        .set('Content-Type', 'application/octet-stream')
        .send(file)
        .expect(409);
      const status = await waitForUpload(app.http, token, created.body.uploadId);
      expect(status).toMatchObject({ status: 'completed', progress: { processedLeads: 3 } });
    });

    it('refuses a declared size over the limit and a name that is not .xlsx or .csv', async () => {
      const { sub, token } = uploader();
      const tooBig = await app.http
        .post('/uploads')
        .set('Authorization', `Bearer ${token}`)
        .send({ fileName: 'big.xlsx', fileSize: MAX_FILE_BYTES + 1 })
        .expect(400);
      expect(tooBig.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
      const wrongType = await app.http
        .post('/uploads')
        .set('Authorization', `Bearer ${token}`)
        .send({ fileName: 'leads.pdf', fileSize: 10 })
        .expect(400);
      expect(wrongType.body.error.code).toBe('VALIDATION_ERROR');
      expect(await uploadsOf(sub)).toEqual([]);
    });
  });

  describe('GET /status/{uploadId} errors and caching', () => {
    it('answers the seed error shapes', async () => {
      const { token } = uploader();
      const invalid = await app.http
        .get('/status/not-a-uuid')
        .set('Authorization', `Bearer ${token}`)
        .expect(400);
      expect(invalid.body).toEqual({
        error: {
          code: 'INVALID_UPLOAD_ID',
          message: 'Upload ID format is invalid',
          timestamp: expect.stringMatching(ISO),
        },
      });
      const missing = await app.http
        .get('/status/550e8400-e29b-41d4-a716-446655440000')
        .set('Authorization', `Bearer ${token}`)
        .expect(404);
      expect(missing.body).toEqual({
        error: {
          code: 'UPLOAD_NOT_FOUND',
          message: 'Upload ID not found or has expired',
          timestamp: expect.stringMatching(ISO),
        },
      });
      const anonymous = await app.http
        .get('/status/550e8400-e29b-41d4-a716-446655440000')
        .expect(401);
      expect(anonymous.body.error.code).toBe('UNAUTHORIZED');
    });

    it("answers 404 for another user's upload, and for an expired one", async () => {
      const owner = uploader();
      const other = uploader();
      const { body } = await uploadLeads(
        app.http,
        owner.token,
        await leadsXlsx(leadRows(2)),
      ).expect(202);
      await waitForUpload(app.http, owner.token, body.uploadId);
      for (const path of [`/status/${body.uploadId}`, `/uploads/${body.uploadId}/result`]) {
        const response = await app.http
          .get(path)
          .set('Authorization', `Bearer ${other.token}`)
          .expect(404);
        expect(response.body.error.code).toBe('UPLOAD_NOT_FOUND');
      }
      await app.http
        .post(`/status/${body.uploadId}/cancel`)
        .set('Authorization', `Bearer ${other.token}`)
        .expect(404);
      await db.query(
        `UPDATE lead_uploads SET expires_at = now() - interval '1 second' WHERE id = $1`,
        [body.uploadId],
      );
      await app.http
        .get(`/status/${body.uploadId}`)
        .set('Authorization', `Bearer ${owner.token}`)
        .expect(404);
    });

    it('answers an ETag, and 304 to If-None-Match while nothing changed', async () => {
      const { token } = uploader();
      const { body } = await uploadLeads(app.http, token, await leadsXlsx(leadRows(2))).expect(202);
      await waitForUpload(app.http, token, body.uploadId);
      const first = await app.http
        .get(`/status/${body.uploadId}`)
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      expect(first.headers['retry-after']).toBeUndefined();
      await app.http
        .get(`/status/${body.uploadId}`)
        .set('Authorization', `Bearer ${token}`)
        .set('If-None-Match', first.headers.etag as string)
        .expect(304);
    });
  });

  describe('POST /status/{uploadId}/cancel', () => {
    it('cancels an unfinished upload with the seed body; a finished one is CANNOT_CANCEL', async () => {
      const { token } = uploader();
      const pending = await app.http
        .post('/uploads')
        .set('Authorization', `Bearer ${token}`)
        .send({ fileName: 'never.xlsx', fileSize: 100 })
        .expect(202);
      const cancelled = await app.http
        .post(`/status/${pending.body.uploadId}/cancel`)
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      expect(cancelled.body).toEqual({
        uploadId: pending.body.uploadId,
        status: 'cancelled',
        message: 'Processing cancellation requested',
        timestamp: expect.stringMatching(ISO),
      });
      const status = await app.http
        .get(`/status/${pending.body.uploadId}`)
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      expect(status.body.status).toBe('cancelled');
      const again = await app.http
        .post(`/status/${pending.body.uploadId}/cancel`)
        .set('Authorization', `Bearer ${token}`)
        .expect(400);
      expect(again.body.error.code).toBe('CANNOT_CANCEL');

      const { body } = await uploadLeads(app.http, token, await leadsXlsx(leadRows(1))).expect(202);
      await waitForUpload(app.http, token, body.uploadId);
      const done = await app.http
        .post(`/status/${body.uploadId}/cancel`)
        .set('Authorization', `Bearer ${token}`)
        .expect(400);
      expect(done.body.error).toMatchObject({ code: 'CANNOT_CANCEL' });
    });
  });

  describe('GET /uploads', () => {
    it("lists the caller's uploads, newest first, each as its status", async () => {
      const { token } = uploader();
      const first = await uploadLeads(
        app.http,
        token,
        await leadsXlsx(leadRows(1)),
        'a.xlsx',
      ).expect(202);
      const second = await uploadLeads(app.http, token, leadsCsv(leadRows(1)), 'b.csv').expect(202);
      const { body } = await app.http
        .get('/uploads?limit=10')
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      expect(body.total).toBe(2);
      expect(body.uploads.map((upload: { uploadId: string }) => upload.uploadId)).toEqual([
        second.body.uploadId,
        first.body.uploadId,
      ]);
      expect(body.uploads[0].metadata.fileName).toBe('b.csv');
    });

    it('answers 409 RESULT_NOT_READY for a result before the upload is done', async () => {
      const { token } = uploader();
      const pending = await app.http
        .post('/uploads')
        .set('Authorization', `Bearer ${token}`)
        .send({ fileName: 'x.csv', fileSize: 10 })
        .expect(202);
      const response = await app.http
        .get(`/uploads/${pending.body.uploadId}/result`)
        .set('Authorization', `Bearer ${token}`)
        .expect(409);
      expect(response.body.error.code).toBe('RESULT_NOT_READY');
    });

    it('needs the uploader group to upload', async () => {
      const response = await uploadLeads(
        app.http,
        app.token(`reader-${unique()}`),
        await leadsXlsx(leadRows(1)),
      ).expect(403);
      expect(response.body.error.code).toBe('FORBIDDEN');
    });
  });

  describe('bad files: a clear 400, nothing stored, and the server keeps serving', () => {
    const zipBomb = async (): Promise<Buffer> => {
      const zip = await JSZip.loadAsync(await leadsXlsx(leadRows(1)));
      const filler = '<row r="1"/>'.repeat(4 * 1024 * 1024);
      zip.file(
        'xl/worksheets/sheet1.xml',
        `<worksheet><sheetData>${filler}</sheetData></worksheet>`,
      );
      return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    };

    /**
     * A sound workbook with its central directory's entry for `part` edited. An entry's fixed
     * fields: flags at byte 8, uncompressed size at 24, its name from 46.
     */
    const editedDirectory =
      (part: string, edit: (archive: Buffer, entry: number) => void) =>
      async (): Promise<Buffer> => {
        const archive = Buffer.from(await leadsXlsx(leadRows(200)));
        const name = Buffer.from(part);
        const CENTRAL_HEADER = 0x02014b50;
        for (let at = archive.indexOf(name); at >= 0; at = archive.indexOf(name, at + 1)) {
          const entry = at - 46;
          if (entry >= 0 && archive.readUInt32LE(entry) === CENTRAL_HEADER) {
            edit(archive, entry);
            return archive;
          }
        }
        throw new Error(`no directory entry for ${part}`);
      };
    const understatedSheet = editedDirectory('xl/worksheets/sheet1.xml', (archive, entry) =>
      archive.writeUInt32LE(100, entry + 24),
    );
    const encryptedWorkbook = editedDirectory('xl/workbook.xml', (archive, entry) =>
      archive.writeUInt16LE(archive.readUInt16LE(entry + 8) | 1, entry + 8),
    );

    const cases: [string, () => Promise<Buffer> | Buffer, string, string, RegExp][] = [
      ['a 0-byte file', () => Buffer.alloc(0), 'leads.xlsx', 'INVALID_FILE', /empty/],
      [
        'a CSV renamed .xlsx',
        () => leadsCsv(leadRows(2)),
        'leads.xlsx',
        'INVALID_FILE',
        /not a ZIP/,
      ],
      [
        'a truncated XLSX',
        async () => {
          const whole = await leadsXlsx(leadRows(50));
          return whole.subarray(0, Math.floor(whole.length / 2));
        },
        'leads.xlsx',
        'INVALID_FILE',
        /truncated/,
      ],
      ['a zip bomb disguised as XLSX', zipBomb, 'leads.xlsx', 'INVALID_FILE', /compressed 200:1/],
      [
        'an XLSX whose directory understates a part',
        understatedSheet,
        'leads.xlsx',
        'INVALID_FILE',
        /sheet1\.xml is corrupt \(it inflates to more than 100 bytes\)/,
      ],
      [
        'an XLSX with an encrypted part',
        encryptedWorkbook,
        'leads.xlsx',
        'INVALID_FILE',
        /part xl\/workbook\.xml is encrypted/,
      ],
      [
        'an XLSX with an empty sheet',
        () => leadsXlsx([], []),
        'leads.xlsx',
        'INVALID_FILE',
        /sheet is empty/,
      ],
      [
        'headers with no lead column',
        () => leadsXlsx([['1', '2']], ['foo', 'bar']),
        'leads.xlsx',
        'INVALID_FILE',
        /Headers found: foo, bar/,
      ],
      ['headers only', () => leadsCsv([]), 'leads.csv', 'INVALID_FILE', /no leads/],
      [
        'binary garbage named .csv',
        () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]),
        'leads.csv',
        'INVALID_FILE',
        /binary/,
      ],
      [
        'invalid UTF-8',
        () =>
          Buffer.concat([
            Buffer.from('name,email\r\nJosé,'),
            Buffer.from([0xc3, 0x28]),
            Buffer.from('@x.com\r\n'),
          ]),
        'leads.csv',
        'INVALID_FILE',
        /UTF-8/,
      ],
      [
        'a file 1 byte over the limit',
        () =>
          Buffer.concat([leadsCsv(leadRows(1)), Buffer.alloc(MAX_FILE_BYTES, 0x20)]).subarray(
            0,
            MAX_FILE_BYTES + 1,
          ),
        'leads.csv',
        'PAYLOAD_TOO_LARGE',
        /limit is 200 KB|limit is 204800 bytes|limit/,
      ],
      ['a .txt file', () => leadsCsv(leadRows(1)), 'leads.txt', 'UNSUPPORTED_FILE_TYPE', /\.txt/],
    ];

    it.each(cases)('refuses %s', async (_name, make, fileName, code, message) => {
      const { sub, token } = uploader();
      const response = await uploadLeads(app.http, token, await make(), fileName).expect(400);
      expect(response.body).toEqual({
        error: {
          code,
          message: expect.stringMatching(message),
          timestamp: expect.stringMatching(ISO),
        },
      });
      expect(await uploadsOf(sub)).toEqual([]);
      await app.http.get('/health').expect(200);
    });

    it('answers a damaged workbook with a 400 or accepts it, and every accepted one ends', async () => {
      const { sub, token } = uploader();
      const sound = await leadsXlsx(leadRows(30));
      const random = seededRandom(15);
      const accepted: string[] = [];
      for (let file = 0; file < 120; file += 1) {
        const response = await uploadLeads(app.http, token, damaged(sound, random));
        if (response.status === 202) {
          accepted.push(response.body.uploadId);
          continue;
        }
        expect({ file, status: response.status, body: response.body }).toEqual({
          file,
          status: 400,
          body: {
            error: {
              code: 'INVALID_FILE',
              message: expect.any(String),
              timestamp: expect.stringMatching(ISO),
            },
          },
        });
      }
      expect(accepted.length).toBeGreaterThan(0);
      expect(accepted.length).toBeLessThan(120);
      for (const id of accepted) {
        const status = await waitForUpload(app.http, token, id);
        expect(['completed', 'failed']).toContain(status.status);
      }
      expect((await uploadsOf(sub)).map((upload) => upload.id).sort()).toEqual(accepted.sort());
    });

    it('refuses a PUT body that is not a workbook, and keeps the upload waiting for a good one', async () => {
      const { token } = uploader();
      const created = await app.http
        .post('/uploads')
        .set('Authorization', `Bearer ${token}`)
        .send({ fileName: 'later.xlsx', fileSize: 100 })
        .expect(202);
      const url = new URL(created.body.uploadUrl as string);
      const bad = await app.http
        .put(`${url.pathname}${url.search}`)
        .set('Content-Type', 'application/octet-stream')
        .send(Buffer.from('name,email\r\n'))
        .expect(400);
      expect(bad.body.error.code).toBe('INVALID_FILE');
      const status = await app.http
        .get(`/status/${created.body.uploadId}`)
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      expect(status.body.status).toBe('uploading');
    });
  });
});

describe('seed 000 rate limits', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      RATE_LIMIT_LEAD_PER_SECOND: '3',
      RATE_LIMIT_LEAD_STATUS_PER_UPLOAD: '5',
    });
  });
  afterAll(() => app.close());

  it('answers 429 in the seed shape with Retry-After past the per-second burst', async () => {
    const token = app.token(`burst-${unique()}`);
    const statuses: number[] = [];
    let limited: { headers: Record<string, string>; body: { error: { code: string } } } | undefined;
    for (let i = 0; i < 6; i += 1) {
      const response = await app.http.get('/uploads').set('Authorization', `Bearer ${token}`);
      statuses.push(response.status);
      if (response.status === 429) limited = response;
    }
    expect(statuses.filter((status) => status === 200).length).toBeLessThanOrEqual(3);
    expect(limited?.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('counts status requests per upload id, per caller', async () => {
    const sub = `poller-${unique()}`;
    const token = app.token(sub, ['uploader']);
    const id = '550e8400-e29b-41d4-a716-446655440000';
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      statuses.push(
        (await app.http.get(`/status/${id}`).set('Authorization', `Bearer ${token}`)).status,
      );
      await new Promise((wait) => setTimeout(wait, 400));
    }
    expect(statuses.slice(0, 5)).toEqual([404, 404, 404, 404, 404]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const otherUser = app.token(`poller-${unique()}`);
    await app.http.get(`/status/${id}`).set('Authorization', `Bearer ${otherUser}`).expect(404);
  });
});

describe('seed 000 rate limits under concurrent requests', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ RATE_LIMIT_LEAD_STATUS_PER_UPLOAD: '5' });
  });
  afterAll(() => app.close());

  it('counts every request of a burst once, batched or not', async () => {
    const token = app.token(`burst-poller-${unique()}`, ['uploader']);
    const id = '550e8400-e29b-41d4-a716-446655440001';
    const responses = await Promise.all(
      Array.from({ length: 12 }, () =>
        app.http.get(`/status/${id}`).set('Authorization', `Bearer ${token}`),
      ),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([...Array(5).fill(404), ...Array(7).fill(429)]);
    const remaining = responses.map((response) => response.headers['ratelimit-remaining']).sort();
    expect(remaining).toEqual(['0', '0', '0', '0', '0', '0', '0', '0', '1', '2', '3', '4']);
  });
});
