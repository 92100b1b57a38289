import { DataSource } from 'typeorm';
import { contactsCsv, type Row, upload, waitForJob } from './support/contacts.js';
import { damaged, seededRandom } from './support/damage.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { unique } from './support/unique.js';

describe('contacts ingestion (seed 002): upload, processing, issues, contacts', () => {
  let api: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    api = await startTestApp();
    db = api.app.get(DataSource);
  });

  afterAll(() => api.close());

  const caller = (groups = ['uploader', 'editor']) => {
    const id = `user-${unique()}`;
    return { id, token: api.token(id, groups) };
  };
  const get = (token: string, path: string) =>
    api.http.get(path).set('Authorization', `Bearer ${token}`);
  const put = (token: string, path: string, body: object) =>
    api.http.put(path).set('Authorization', `Bearer ${token}`).send(body);

  const MIXED: Row[] = [
    ['ada@example.com', 'Ada', 'Lovelace', 'Analytical'],
    ['Ada@Example.com ', 'Ada', 'Lovelace', 'Analytical'], // identical once trimmed and lower-cased: collapses
    ['grace@example.com', 'Grace', 'Hopper', 'Navy'],
    ['dup@example.com', 'Alan', 'Turing', 'Bletchley'],
    ['DUP@example.com', 'Joan', 'Clarke', 'Bletchley'], // same address, another person
    ['not-an-email', 'Bad', 'Address', 'Nowhere'],
    ['not-an-email', 'Bad', 'Address', 'Nowhere'], // an identical row that fails the checks: collapses too
    ['missing@example.com', '', 'Nofirst', ''],
    ['formula@example.com', '=HYPERLINK("http://evil")', 'Smith', "'; DROP TABLE contacts; --"],
    ['ADA@example.com', 'ADA', 'LOVELACE', 'analytical'], // the same identity in other letters: staged, no issue
    ['dup@example.com', 'Alan', 'Turing', 'Bletchley'], // identical to a row of the duplicate group: collapses
  ];

  it('accepts a file, processes it, and reports issues, staging rows and contacts', async () => {
    const user = caller();
    const response = await upload(api.http, user.token, contactsCsv(MIXED), 'mixed.csv').expect(
      200,
    );
    expect(response.body).toEqual({
      job_id: expect.any(Number),
      message: "File 'mixed.csv' uploaded successfully and queued for processing",
      filename: 'mixed.csv',
      total_rows: 11,
    });
    const jobId = response.body.job_id as number;
    const job = await waitForJob(api.http, user.token, jobId);
    expect(job).toMatchObject({
      job_status: 'NEEDS_REVIEW',
      job_total_rows: 11,
      job_processed_rows: 11,
      job_progress: 100,
      job_error: null,
      job_filename: 'mixed.csv',
    });

    const issues = (await get(user.token, `/issues/job/${jobId}`).expect(200)).body;
    expect(issues.total).toBe(3);
    expect(issues.resolved_count).toBe(0);
    expect(issues.unresolved_count).toBe(3);
    const byType = (type: string) =>
      issues.issues.filter((issue: { issue_type: string }) => issue.issue_type === type);
    expect(byType('DUPLICATE_EMAIL')).toHaveLength(1);
    expect(byType('DUPLICATE_EMAIL')[0]).toMatchObject({
      issues_job_id: jobId,
      issue_resolved: false,
      issue_description: 'Email appears multiple times with different identities',
      issue_resolved_at: null,
      issue_resolved_by: null,
      issue_resolution_comment: null,
    });
    expect(
      byType('DUPLICATE_EMAIL')[0]
        .affected_rows.map((row: { staging_first_name: string }) => row.staging_first_name)
        .sort(),
    ).toEqual(['Alan', 'Joan']);
    expect(byType('INVALID_EMAIL')[0].affected_rows[0]).toMatchObject({
      staging_email: 'not-an-email',
      staging_status: 'ISSUE',
    });
    expect(byType('MISSING_REQUIRED_FIELD')[0].issue_description).toBe(
      'Row 9 is missing required fields: first_name, company',
    );
    expect(Object.keys(byType('INVALID_EMAIL')[0].affected_rows[0]).sort()).toEqual([
      'staging_company',
      'staging_created_at',
      'staging_email',
      'staging_first_name',
      'staging_id',
      'staging_last_name',
      'staging_status',
    ]);

    const contacts = (await get(user.token, '/contacts').expect(200)).body;
    expect(contacts.total).toBe(3);
    expect(
      contacts.contacts.map((contact: { contact_email: string }) => contact.contact_email).sort(),
    ).toEqual(['ada@example.com', 'formula@example.com', 'grace@example.com']);
    const ada = contacts.contacts.find(
      (contact: { contact_email: string }) => contact.contact_email === 'ada@example.com',
    );
    expect(ada).toMatchObject({ contact_first_name: 'Ada', contact_last_name: 'Lovelace' });
    const formula = contacts.contacts.find(
      (contact: { contact_email: string }) => contact.contact_email === 'formula@example.com',
    );
    expect(formula).toMatchObject({
      contacts_user_id: user.id,
      contact_first_name: '=HYPERLINK("http://evil")',
      contact_company: "'; DROP TABLE contacts; --",
    });
    const [{ count }] = await db.query(
      'SELECT count(*)::int AS count FROM staging_rows WHERE job_id = $1',
      [jobId],
    );
    expect(count).toBe(8);
    const [{ orphans }] = await db.query(
      `SELECT count(*)::int AS orphans FROM data_issue_rows r
       JOIN data_issues i ON i.id = r.issue_id
       LEFT JOIN staging_rows s ON s.id = r.staging_id
       WHERE i.job_id = $1 AND s.id IS NULL`,
      [jobId],
    );
    expect(orphans).toBe(0);

    const one = (await get(user.token, '/contacts?email=GRACE@example.com').expect(200)).body;
    expect(one.total).toBe(1);
    expect(one.contacts[0].contact_first_name).toBe('Grace');
    expect((await get(user.token, '/contacts?email=nobody@example.com').expect(404)).body).toEqual({
      detail: 'Contact with email nobody@example.com not found',
    });
  });

  /** Uploads rows and waits for the job to finish; returns its id and issues. */
  async function processed(user: { token: string }, rows: Row[], filename = `${unique()}.csv`) {
    const { body } = await upload(api.http, user.token, contactsCsv(rows), filename).expect(200);
    const job = await waitForJob(api.http, user.token, body.job_id);
    const issues = (await get(user.token, `/issues/job/${body.job_id}`).expect(200)).body;
    return { jobId: body.job_id as number, job, issues: issues.issues as IssueView[] };
  }

  interface IssueView {
    issue_id: number;
    issue_type: string;
    affected_rows: {
      staging_id: number;
      staging_email: string;
      staging_first_name: string;
      staging_status: string;
    }[];
  }

  it("holds a row whose address is already another person's contact; the same person is not a conflict", async () => {
    const user = caller();
    const first = await processed(user, [['ada@example.com', 'Ada', 'Lovelace', 'Analytical']]);
    expect(first.job.job_status).toBe('COMPLETED');
    const [ada] = (await get(user.token, '/contacts').expect(200)).body.contacts;

    const second = await processed(user, [
      ['ADA@example.com', 'Grace', 'Hopper', 'Navy'],
      ['grace@example.com', 'Grace', 'Hopper', 'Navy'],
    ]);
    const third = await processed(user, [
      ['Ada@Example.com', 'ADA', 'lovelace', 'ANALYTICAL'],
      ['alan@example.com', 'Alan', 'Turing', 'Bletchley'],
    ]);

    expect(second.job.job_status).toBe('NEEDS_REVIEW');
    expect(second.issues).toHaveLength(1);
    expect(second.issues[0]).toMatchObject({
      issue_type: 'DUPLICATE_EMAIL',
      issue_description: `Email ada@example.com already belongs to contact ${ada.contact_id} with a different identity`,
      affected_rows: [
        expect.objectContaining({ staging_email: 'ADA@example.com', staging_status: 'ISSUE' }),
      ],
    });
    expect(third.job.job_status).toBe('COMPLETED');
    expect(third.issues).toEqual([]);
    const contacts = (await get(user.token, '/contacts').expect(200)).body;
    expect(
      contacts.contacts.map((contact: { contact_email: string; contact_first_name: string }) => [
        contact.contact_email,
        contact.contact_first_name,
      ]),
    ).toEqual([
      ['alan@example.com', 'Alan'],
      ['grace@example.com', 'Grace'],
      ['ada@example.com', 'Ada'],
    ]);
  });

  describe('review', () => {
    it('ends when every issue is resolved: approved rows become contacts, the rest are skipped', async () => {
      const user = caller();
      const { jobId, issues } = await processed(user, [
        ['one@example.com', 'Ann', 'One', 'Acme'],
        ['twin@example.com', 'Bob', 'Twin', 'Acme'],
        ['twin@example.com', 'Rob', 'Twin', 'Acme'],
        ['broken', 'Cy', 'Broken', 'Acme'],
      ]);
      const duplicate = issues.find((issue) => issue.issue_type === 'DUPLICATE_EMAIL')!;
      const invalid = issues.find((issue) => issue.issue_type === 'INVALID_EMAIL')!;
      const bob = duplicate.affected_rows.find((row) => row.staging_first_name === 'Bob')!;
      const brokenRow = invalid.affected_rows[0];

      // A row that still fails validation cannot be approved.
      const refused = await put(user.token, `/staging/${brokenRow.staging_id}`, {
        staging_status: 'READY',
      }).expect(422);
      expect(refused.body.detail).toEqual([
        {
          loc: ['body', 'staging_email'],
          msg: 'value is not a valid email address',
          type: 'value_error',
        },
      ]);
      // Fixed and approved: still held by its open issue.
      const fixed = await put(user.token, `/staging/${brokenRow.staging_id}`, {
        staging_email: 'cy@example.com',
        staging_status: 'READY',
      }).expect(200);
      expect(fixed.body).toEqual({
        staging_id: brokenRow.staging_id,
        staging_job_id: jobId,
        staging_email: 'cy@example.com',
        staging_first_name: 'Cy',
        staging_last_name: 'Broken',
        staging_company: 'Acme',
        staging_created_at: expect.any(String),
        staging_status: 'READY',
      });
      // Resolving its issue imports it.
      const resolved = await put(user.token, `/issues/${invalid.issue_id}`, {
        issue_resolved: true,
        issue_resolution_comment: 'fixed the address',
      }).expect(200);
      expect(resolved.body).toMatchObject({
        issue_id: invalid.issue_id,
        issue_resolved: true,
        issue_resolved_by: user.id,
        issue_resolution_comment: 'fixed the address',
        issue_resolved_at: expect.stringMatching(/Z$/),
      });
      expect(resolved.body.affected_rows[0].staging_status).toBe('IMPORTED');
      expect((await get(user.token, '/contacts?email=cy@example.com').expect(200)).body.total).toBe(
        1,
      );

      // Bob is approved; the duplicate issue resolved; Rob, left in it, is skipped and the job completes.
      await put(user.token, `/staging/${bob.staging_id}`, { staging_status: 'READY' }).expect(200);
      const done = await put(user.token, `/issues/${duplicate.issue_id}`, {
        issue_resolved: true,
        issue_resolved_by: 'reviewer-7',
      }).expect(200);
      expect(done.body.issue_resolved_by).toBe('reviewer-7');
      const statuses = Object.fromEntries(
        done.body.affected_rows.map(
          (row: { staging_first_name: string; staging_status: string }) => [
            row.staging_first_name,
            row.staging_status,
          ],
        ),
      );
      expect(statuses).toEqual({ Bob: 'IMPORTED', Rob: 'SKIPPED' });
      const job = (await get(user.token, '/jobs').expect(200)).body.jobs.find(
        (candidate: { job_id: number }) => candidate.job_id === jobId,
      );
      expect(job.job_status).toBe('COMPLETED');
      expect(job.job_completed_at).toEqual(expect.any(String));
      const twin = (await get(user.token, '/contacts?email=twin@example.com').expect(200)).body
        .contacts[0];
      expect(twin.contact_first_name).toBe('Bob');

      // Unresolving clears the stamps and reopens review.
      const reopened = await put(user.token, `/issues/${duplicate.issue_id}`, {
        issue_resolved: false,
      }).expect(200);
      expect(reopened.body).toMatchObject({
        issue_resolved: false,
        issue_resolved_at: null,
        issue_resolved_by: null,
      });
      const after = (await get(user.token, '/jobs').expect(200)).body.jobs.find(
        (candidate: { job_id: number }) => candidate.job_id === jobId,
      );
      expect(after.job_status).toBe('NEEDS_REVIEW');
    });

    it('imports a row approved after its issue was resolved at once, while another issue keeps the job open', async () => {
      const user = caller();
      const { jobId, issues } = await processed(user, [
        ['broken', 'Cy', 'Broken', 'Acme'],
        ['', 'Di', 'Blank', 'Acme'],
      ]);
      const invalid = issues.find((issue) => issue.issue_type === 'INVALID_EMAIL')!;
      const missing = issues.find((issue) => issue.issue_type === 'MISSING_REQUIRED_FIELD')!;
      const resolved = await put(user.token, `/issues/${invalid.issue_id}`, {
        issue_resolved: true,
      }).expect(200);
      expect(resolved.body.affected_rows[0].staging_status).toBe('ISSUE');

      const approved = await put(user.token, `/staging/${invalid.affected_rows[0].staging_id}`, {
        staging_email: 'cy@example.com',
        staging_status: 'READY',
      }).expect(200);
      expect(approved.body.staging_status).toBe('IMPORTED');
      expect(
        (await get(user.token, '/contacts?email=cy@example.com').expect(200)).body.contacts,
      ).toMatchObject([{ contact_first_name: 'Cy' }]);
      const job = (await get(user.token, '/jobs').expect(200)).body.jobs.find(
        (candidate: { job_id: number }) => candidate.job_id === jobId,
      );
      expect(job.job_status).toBe('NEEDS_REVIEW');
      const [{ count }] = (await db.query(
        `SELECT count(*)::int AS count FROM staging_rows WHERE job_id = $1 AND status = 'ISSUE'`,
        [jobId],
      )) as { count: number }[];
      expect(count).toBe(missing.affected_rows.length);
    });

    it('updates only the fields given, and refuses ids, keys, hashes and unknown fields', async () => {
      const user = caller();
      const { issues } = await processed(user, [['bad', 'A', 'B', 'C']]);
      const issue = issues[0];
      const renamed = await put(user.token, `/issues/${issue.issue_id}`, {
        issue_description: 'Checked by hand',
      }).expect(200);
      expect(renamed.body).toMatchObject({
        issue_description: 'Checked by hand',
        issue_resolved: false,
      });
      for (const field of ['issue_key', 'issue_id', 'issues_job_id', 'issue_type']) {
        const { body } = await put(user.token, `/issues/${issue.issue_id}`, {
          [field]: 'x',
        }).expect(422);
        expect(body.detail[0]).toMatchObject({ loc: ['body', field], type: 'whitelistValidation' });
      }
      const rowId = issue.affected_rows[0].staging_id;
      for (const field of [
        'staging_row_hash',
        'staging_id',
        'staging_job_id',
        'staging_created_at',
      ]) {
        await put(user.token, `/staging/${rowId}`, { [field]: 'x' }).expect(422);
      }
      await put(user.token, `/staging/${rowId}`, { staging_status: 'IMPORTED' }).expect(422);
      await put(user.token, `/staging/${rowId}`, { staging_email: null }).expect(422);
      await put(user.token, `/issues/${issue.issue_id}`, { issue_resolved: 'yes' }).expect(422);
      const company = await put(user.token, `/staging/${rowId}`, {
        staging_company: '  NewCo ',
      }).expect(200);
      expect(company.body).toMatchObject({
        staging_email: 'bad',
        staging_company: 'NewCo',
        staging_status: 'ISSUE',
      });
    });
  });

  describe('upload validation: a clear 4xx, and nothing stored', () => {
    const rejects = async (
      file: Buffer,
      filename: string,
      status: number,
      detail: string | RegExp,
    ) => {
      const user = caller();
      const { body } = await upload(api.http, user.token, file, filename).expect(status);
      if (typeof detail === 'string') expect(body).toEqual({ detail });
      else expect(body.detail).toMatch(detail);
      const [{ count }] = await db.query(
        'SELECT count(*)::int AS count FROM import_jobs WHERE user_id = $1',
        [user.id],
      );
      expect(count).toBe(0);
    };
    const good = contactsCsv([['a@example.com', 'A', 'B', 'C']]);

    it('refuses other extensions', () =>
      rejects(good, 'contacts.xlsx', 400, 'File must be a CSV (.csv extension)'));
    it('refuses an empty file', () =>
      rejects(Buffer.alloc(0), 'empty.csv', 400, 'The file is empty'));
    it('refuses a header without data rows', () =>
      rejects(contactsCsv([]), 'header.csv', 400, 'The file has a header row but no data rows'));
    it('names the missing headers and the ones found', () =>
      rejects(
        Buffer.from('mail,name,organisation\na@example.com,A,C\n'),
        'headers.csv',
        400,
        'CSV is missing required headers: email, first_name, last_name, company. Headers found: mail, name, organisation',
      ));
    it('refuses binary garbage', () =>
      rejects(
        Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
        'garbage.csv',
        400,
        /binary/,
      ));
    it('refuses a 5 MB line with no line break', () =>
      rejects(
        Buffer.alloc(5 * 1024 * 1024 - 16, 'a'),
        'oneline.csv',
        400,
        /no header row: no line break/,
      ));
    it('refuses invalid UTF-8', () =>
      rejects(
        Buffer.concat([
          Buffer.from('email,first_name,last_name,company\nzoë@example.com,Zoë,Ä,B\n'),
          Buffer.from([0x61, 0xc3, 0x28, 0x0a]),
        ]),
        'broken.csv',
        400,
        /^The file is not valid UTF-8: invalid UTF-8 byte sequence near byte/,
      ));
    it('refuses a file 1 byte over the limit with 413', () =>
      rejects(
        Buffer.concat([good, Buffer.alloc(5 * 1024 * 1024 + 1 - good.length, 'x')]),
        'big.csv',
        413,
        'File too large: the limit is 5 MB',
      ));
    it('requires the file field', async () => {
      const user = caller();
      const { body } = await api.http
        .post('/jobs/upload')
        .set('Authorization', `Bearer ${user.token}`)
        .field('other', 'x')
        .expect(422);
      expect(body.detail).toEqual([
        { loc: ['body', 'file'], msg: 'Field required', type: 'missing' },
      ]);
    });

    it('answers a damaged file with a 400 or accepts it, and every accepted job ends', async () => {
      const sound = contactsCsv(
        Array.from({ length: 30 }, (_, i): Row => [
          `p${i}@example.com`,
          `Ann "${i}"`,
          'Lee',
          'Acme; Inc',
        ]),
      );
      // Quotes, delimiters, line breaks, NUL and bytes that break UTF-8, or any byte.
      const structural = [0x22, 0x2c, 0x3b, 0x09, 0x0a, 0x0d, 0x00, 0xc3, 0xff];
      const random = seededRandom(2002);
      const accepted: { token: string; jobId: number }[] = [];
      for (let file = 0; file < 60; file += 1) {
        const user = caller();
        const bytes = random() < 0.8 ? structural : undefined;
        const response = await upload(api.http, user.token, damaged(sound, random, bytes));
        if (response.status === 200) {
          accepted.push({ token: user.token, jobId: response.body.job_id });
          continue;
        }
        expect({ file, status: response.status, detail: typeof response.body.detail }).toEqual({
          file,
          status: 400,
          detail: 'string',
        });
      }
      expect(accepted.length).toBeGreaterThan(0);
      expect(accepted.length).toBeLessThan(60);
      for (const { token, jobId } of accepted) {
        const job = await waitForJob(api.http, token, jobId);
        expect(['COMPLETED', 'NEEDS_REVIEW', 'FAILED']).toContain(job.job_status);
      }
    });

    it('refuses the same file twice from one user, naming the earlier job; another user may upload it', async () => {
      const user = caller();
      const file = contactsCsv([[`${unique()}@example.com`, 'Same', 'File', 'Co']]);
      const first = await upload(api.http, user.token, file).expect(200);
      const again = await upload(api.http, user.token, file, 'renamed.csv').expect(409);
      expect(again.body).toEqual({
        detail: `This file was already imported as job ${first.body.job_id}`,
      });
      await upload(api.http, caller().token, file).expect(200);
    });
  });

  describe('encodings and delimiters', () => {
    it.each([
      ['Latin-1 / CP1252 with semicolons', { encoding: 'win1252' as const, delimiter: ';' }],
      ['UTF-8 with a BOM and tabs', { bom: true, delimiter: '\t' }],
      ['UTF-8 with aliases', { header: ['E-Mail', 'FirstName', 'Sobrenome', 'Organization'] }],
    ])('reads %s', async (_case, options) => {
      const user = caller();
      const email = `${unique()}@example.com`;
      const { job } = await processed(user, [[email, 'Zoë', 'Müller', 'Café € Ltd']], undefined);
      expect(job.job_status).toBe('COMPLETED');
      const second = caller();
      const { body } = await upload(
        api.http,
        second.token,
        contactsCsv([[email, 'Zoë', 'Müller', 'Café € Ltd']], options),
      ).expect(200);
      expect((await waitForJob(api.http, second.token, body.job_id)).job_status).toBe('COMPLETED');
      const contact = (await get(second.token, `/contacts?email=${email}`).expect(200)).body
        .contacts[0];
      expect(contact).toMatchObject({
        contact_first_name: 'Zoë',
        contact_last_name: 'Müller',
        contact_company: 'Café € Ltd',
      });
    });
  });

  describe('ownership and groups', () => {
    it('answers 404 for another user’s job, issue, staging row and contact; 422 for a non-numeric id', async () => {
      const owner = caller();
      const { jobId, issues } = await processed(owner, [['x', 'Not', 'Valid', 'Co']]);
      const other = caller();
      await get(other.token, `/issues/job/${jobId}`).expect(404);
      await get(other.token, `/issues/${issues[0].issue_id}`).expect(404);
      await put(other.token, `/issues/${issues[0].issue_id}`, { issue_resolved: true }).expect(404);
      await put(other.token, `/staging/${issues[0].affected_rows[0].staging_id}`, {
        staging_company: 'x',
      }).expect(404);
      await api.http
        .post(`/jobs/${jobId}/reprocess`)
        .set('Authorization', `Bearer ${other.token}`)
        .expect(404);
      await api.http
        .delete(`/jobs/${jobId}`)
        .set('Authorization', `Bearer ${other.token}`)
        .expect(404);
      expect((await get(other.token, '/issues').expect(200)).body).toEqual({
        issues: [],
        total: 0,
        resolved_count: 0,
        unresolved_count: 0,
      });
      const email = `${unique()}@example.com`;
      await processed(owner, [[email, 'Own', 'Contact', 'Co']]);
      await get(owner.token, `/contacts?email=${email}`).expect(200);
      await get(other.token, `/contacts?email=${email}`).expect(404);
      expect((await get(other.token, '/contacts').expect(200)).body).toEqual({
        contacts: [],
        total: 0,
      });
      const invalid = await get(owner.token, '/issues/job/abc').expect(422);
      expect(invalid.body.detail).toEqual([
        {
          loc: ['path', 'job_id'],
          msg: 'Input should be a valid positive integer',
          type: 'int_parsing',
        },
      ]);
      await api.http.delete('/jobs/1e3').set('Authorization', `Bearer ${owner.token}`).expect(422);
    });

    it('needs uploader to upload or reprocess and editor to delete or review', async () => {
      const reader = caller([]);
      const { body } = await upload(
        api.http,
        reader.token,
        contactsCsv([['a@example.com', 'A', 'B', 'C']]),
      ).expect(403);
      expect(body).toEqual({ detail: 'Requires one of the groups: uploader' });
      await api.http
        .post('/jobs/1/reprocess')
        .set('Authorization', `Bearer ${reader.token}`)
        .expect(403);
      await api.http.delete('/jobs/1').set('Authorization', `Bearer ${reader.token}`).expect(403);
      await put(reader.token, '/issues/1', { issue_resolved: true }).expect(403);
      await put(reader.token, '/staging/1', { staging_company: 'x' }).expect(403);
      await api.http.get('/jobs').expect(401);
    });
  });

  describe('delete and reprocess', () => {
    it('deletes a job with its staging rows, issues and file; its contacts stay', async () => {
      const user = caller();
      const email = `${unique()}@example.com`;
      const { jobId } = await processed(user, [
        [email, 'Kept', 'Contact', 'Co'],
        ['bad', 'Held', 'Row', 'Co'],
      ]);
      const [{ storage_key: key }] = await db.query(
        'SELECT storage_key FROM import_jobs WHERE id = $1',
        [jobId],
      );
      const deleted = await api.http
        .delete(`/jobs/${jobId}`)
        .set('Authorization', `Bearer ${user.token}`)
        .expect(200);
      expect(deleted.body).toEqual({
        message: `Job ${jobId} cancelled successfully`,
        job_id: jobId,
      });
      const [counts] = await db.query(
        `SELECT (SELECT count(*)::int FROM staging_rows WHERE job_id = $1) AS staging,
                (SELECT count(*)::int FROM data_issues WHERE job_id = $1) AS issues`,
        [jobId],
      );
      expect(counts).toEqual({ staging: 0, issues: 0 });
      const contact = (await get(user.token, `/contacts?email=${email}`).expect(200)).body
        .contacts[0];
      expect(contact.staging_id).toBeNull();
      const { Storage } = await import('../src/storage/storage.js');
      expect(await api.app.get(Storage).size(key)).toBeUndefined();
      await api.http
        .delete(`/jobs/${jobId}`)
        .set('Authorization', `Bearer ${user.token}`)
        .expect(404);
    });

    it('refuses to delete a COMPLETED job or reprocess a PROCESSING one', async () => {
      const user = caller();
      const { jobId, job } = await processed(user, [[`${unique()}@example.com`, 'A', 'B', 'C']]);
      expect(job.job_status).toBe('COMPLETED');
      const refused = await api.http
        .delete(`/jobs/${jobId}`)
        .set('Authorization', `Bearer ${user.token}`)
        .expect(400);
      expect(refused.body).toEqual({
        detail: `Job ${jobId} is COMPLETED; only PENDING, NEEDS_REVIEW or FAILED jobs can be deleted`,
      });
      await db.query(`UPDATE import_jobs SET status = 'PROCESSING' WHERE id = $1`, [jobId]);
      const busy = await api.http
        .post(`/jobs/${jobId}/reprocess`)
        .set('Authorization', `Bearer ${user.token}`)
        .expect(409);
      expect(busy.body).toEqual({
        detail: `Job ${jobId} is being processed; try again when it has finished`,
      });
      await api.http
        .delete(`/jobs/${jobId}`)
        .set('Authorization', `Bearer ${user.token}`)
        .expect(400);
      await db.query(`UPDATE import_jobs SET status = 'COMPLETED' WHERE id = $1`, [jobId]);
    });

    it('reprocesses idempotently: same rows, issues and contacts, review decisions kept', async () => {
      const user = caller();
      const { jobId, issues } = await processed(user, [
        [`${unique()}@example.com`, 'A', 'B', 'C'],
        ['dup@x.example', 'One', 'Person', 'Co'],
        ['dup@x.example', 'Other', 'Person', 'Co'],
        ['bad', 'D', 'E', 'F'],
      ]);
      const invalid = issues.find((issue) => issue.issue_type === 'INVALID_EMAIL')!;
      await put(user.token, `/issues/${invalid.issue_id}`, {
        issue_resolution_comment: 'looked at it',
      }).expect(200);
      const snapshot = () =>
        db.query(
          `SELECT (SELECT count(*)::int FROM staging_rows WHERE job_id = $1) AS staging,
                  (SELECT count(*)::int FROM data_issues WHERE job_id = $1) AS issues,
                  (SELECT count(*)::int FROM data_issue_rows r JOIN data_issues i ON i.id = r.issue_id WHERE i.job_id = $1) AS links,
                  (SELECT count(*)::int FROM contacts WHERE user_id = $2) AS contacts`,
          [jobId, user.id],
        );
      const before = await snapshot();
      const response = await api.http
        .post(`/jobs/${jobId}/reprocess`)
        .set('Authorization', `Bearer ${user.token}`)
        .expect(200);
      expect(response.body).toEqual({
        job_id: jobId,
        message: `Job ${jobId} queued for reprocessing`,
        s3_key: `contacts/jobs/${jobId}.csv`,
      });
      expect((await waitForJob(api.http, user.token, jobId)).job_status).toBe('NEEDS_REVIEW');
      expect(await snapshot()).toEqual(before);
      expect(
        (await get(user.token, `/issues/${invalid.issue_id}`).expect(200)).body
          .issue_resolution_comment,
      ).toBe('looked at it');
    });
  });
});
