import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Seed 002's tables. The bulk tables (staging rows, issue links, contacts) carry no foreign keys:
 * a per-row foreign-key check would cost more than the rest of a million-row import. Deleting a
 * job removes its rows explicitly, in one transaction (ImportJobsService.deleteIfAllowed).
 */
export class ContactsIngestion1763800000000 implements MigrationInterface {
  name = 'ContactsIngestion1763800000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE import_jobs (
        id serial PRIMARY KEY,
        user_id text NOT NULL,
        filename text NOT NULL,
        storage_key text,
        status text NOT NULL
          CHECK (status IN ('PENDING', 'PROCESSING', 'NEEDS_REVIEW', 'COMPLETED', 'FAILED')),
        file_sha256 bytea NOT NULL,
        file_size bigint NOT NULL,
        encoding text NOT NULL,
        delimiter text NOT NULL,
        columns jsonb NOT NULL,
        total_rows integer NOT NULL,
        processed_rows integer NOT NULL DEFAULT 0,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        completed_at timestamptz
      )`);
    await runner.query(
      `CREATE UNIQUE INDEX import_jobs_user_file ON import_jobs (user_id, file_sha256)`,
    );
    await runner.query(
      `CREATE INDEX import_jobs_user_created ON import_jobs (user_id, created_at DESC)`,
    );
    await runner.query(
      `CREATE INDEX import_jobs_unfinished ON import_jobs (status) WHERE status IN ('PENDING', 'PROCESSING')`,
    );
    await runner.query(`
      CREATE TABLE staging_rows (
        id serial PRIMARY KEY,
        job_id integer NOT NULL,
        row_number integer NOT NULL,
        email text NOT NULL,
        first_name text NOT NULL,
        last_name text NOT NULL,
        company text NOT NULL,
        status text NOT NULL CHECK (status IN ('READY', 'ISSUE', 'IMPORTED', 'SKIPPED')),
        row_hash uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      ) WITH (fillfactor = 80)`);
    // Room on each page so status changes (the import's and review's) are HOT updates.
    // Rows are unique per (job_id, row_hash) by construction: one run per job at a time (advisory lock)
    // inserts only hashes the job lacks. A plain index keeps million-row inserts cheap.
    await runner.query(`CREATE INDEX staging_rows_job ON staging_rows (job_id)`);
    await runner.query(`
      CREATE TABLE data_issues (
        id serial PRIMARY KEY,
        job_id integer NOT NULL,
        type text NOT NULL,
        issue_key text NOT NULL,
        description text NOT NULL,
        resolved boolean NOT NULL DEFAULT false,
        resolved_at timestamptz,
        resolved_by text,
        resolution_comment text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `CREATE UNIQUE INDEX data_issues_job_key ON data_issues (job_id, issue_key)`,
    );
    await runner.query(`
      CREATE TABLE data_issue_rows (
        issue_id integer NOT NULL,
        staging_id integer NOT NULL,
        PRIMARY KEY (issue_id, staging_id)
      )`);
    await runner.query(`CREATE INDEX data_issue_rows_staging ON data_issue_rows (staging_id)`);
    await runner.query(`
      CREATE TABLE contacts (
        id serial PRIMARY KEY,
        user_id text NOT NULL,
        staging_id integer,
        email text COLLATE "C" NOT NULL CHECK (email = lower(email)),
        first_name text NOT NULL,
        last_name text NOT NULL,
        company text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Emails are stored lower-cased and compared byte-wise: no expression index, no collation cost.
    await runner.query(`CREATE UNIQUE INDEX contacts_user_email ON contacts (user_id, email)`);
    await runner.query(
      `CREATE INDEX contacts_user_created ON contacts (user_id, created_at DESC, id DESC)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE contacts`);
    await runner.query(`DROP TABLE data_issue_rows`);
    await runner.query(`DROP TABLE data_issues`);
    await runner.query(`DROP TABLE staging_rows`);
    await runner.query(`DROP TABLE import_jobs`);
  }
}
