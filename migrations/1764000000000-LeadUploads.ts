import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Seed 000's lead uploads and their batches. A batch row holds its leads (input cells) and, once
 * processed, their enrichment: one row per batch keeps a 100,000-lead file at 10,000 rows, and a
 * batch's leads are written exactly once, with its completion mark, in one statement.
 */
export class LeadUploads1764000000000 implements MigrationInterface {
  name = 'LeadUploads1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE lead_uploads (
        id uuid PRIMARY KEY,
        user_id text NOT NULL,
        file_name text NOT NULL,
        file_size bigint NOT NULL,
        format text NOT NULL CHECK (format IN ('xlsx', 'csv')),
        storage_key text NOT NULL,
        status text NOT NULL
          CHECK (status IN ('uploading', 'uploaded', 'processing', 'completed', 'error', 'cancelled')),
        stage text NOT NULL
          CHECK (stage IN ('file_upload', 'file_processing', 'batch_processing', 'completed')),
        layout jsonb,
        total_batches integer NOT NULL DEFAULT 0,
        completed_batches integer NOT NULL DEFAULT 0,
        failed_batches integer NOT NULL DEFAULT 0,
        total_leads integer NOT NULL DEFAULT 0,
        processed_leads integer NOT NULL DEFAULT 0,
        skipped_rows integer NOT NULL DEFAULT 0,
        error_code text,
        error_message text,
        error_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        expires_at timestamptz NOT NULL
      ) WITH (fillfactor = 70)`);
    // Room on each page: every batch bumps its upload's counters, and those should be HOT updates.
    await runner.query(
      `CREATE INDEX lead_uploads_user_created ON lead_uploads (user_id, created_at DESC, id)`,
    );
    await runner.query(
      `CREATE INDEX lead_uploads_unfinished ON lead_uploads (status)
       WHERE status IN ('uploaded', 'processing')`,
    );
    await runner.query(`CREATE INDEX lead_uploads_expiry ON lead_uploads (expires_at)`);
    await runner.query(`
      CREATE TABLE lead_batches (
        upload_id uuid NOT NULL REFERENCES lead_uploads (id) ON DELETE CASCADE,
        batch_no integer NOT NULL,
        state text NOT NULL CHECK (state IN ('pending', 'completed', 'failed')),
        lead_count integer NOT NULL,
        leads jsonb NOT NULL,
        enrichment jsonb,
        error_code text,
        error_message text,
        finished_at timestamptz,
        PRIMARY KEY (upload_id, batch_no)
      ) WITH (fillfactor = 50)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE lead_batches`);
    await runner.query(`DROP TABLE lead_uploads`);
  }
}
