import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A staging row's identity (lower-cased names and company), hashed while the file is copied, where
 * it costs the worker under a microsecond a row while Postgres is the slower side of the COPY,
 * instead of by Postgres in the run's duplicate-address check, where hashing a million rows took
 * over a second. Rows staged before have none: only a run's own rows are compared.
 */
export class StagingIdentityHash1764400000000 implements MigrationInterface {
  name = 'StagingIdentityHash1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE staging_rows ADD COLUMN identity_hash bigint`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE staging_rows DROP COLUMN identity_hash`);
  }
}
