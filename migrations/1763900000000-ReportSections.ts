import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Seed 003's section jobs: durable state with a 24-hour lifetime; the queue carries only ids. */
export class ReportSections1763900000000 implements MigrationInterface {
  name = 'ReportSections1763900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE section_jobs (
        id uuid PRIMARY KEY,
        api_key_id uuid NOT NULL,
        session_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('generate', 'refine')),
        report_type text NOT NULL,
        customer_id text NOT NULL,
        opportunity_id text NOT NULL,
        section_title text NOT NULL,
        original_text text,
        prompt text,
        state text NOT NULL
          CHECK (state IN ('pending', 'running', 'completed', 'failed', 'cancelled')),
        result text,
        error_code text,
        error_message text,
        prompt_tokens integer,
        completion_tokens integer,
        attempts integer NOT NULL DEFAULT 0,
        idempotency_key text,
        request_hash bytea,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        expires_at timestamptz NOT NULL
      )`);
    await runner.query(
      `CREATE UNIQUE INDEX section_jobs_idempotency ON section_jobs (api_key_id, idempotency_key)
       WHERE idempotency_key IS NOT NULL`,
    );
    await runner.query(
      `CREATE INDEX section_jobs_session ON section_jobs (api_key_id, session_id, created_at DESC)`,
    );
    await runner.query(
      `CREATE INDEX section_jobs_unfinished ON section_jobs (state) WHERE state IN ('pending', 'running')`,
    );
    await runner.query(`CREATE INDEX section_jobs_expiry ON section_jobs (expires_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE section_jobs`);
  }
}
