import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Drops the partial index of READY rows. Review no longer looks for them across a job (only among
 * the rows an edit touched, by primary key). An index whose predicate names `status` makes every
 * status change a non-HOT update, contrary to what the index's migration assumed: of 200,000 held
 * rows of a fresh COPY marked by the import, none were HOT with it (3.0-3.7 s) and all without it
 * (1.7 s).
 *
 * Dropped concurrently, so a large table stays writable meanwhile (hence no transaction).
 */
export class StagingStatusUnindexed1764800000000 implements MigrationInterface {
  name = 'StagingStatusUnindexed1764800000000';
  transaction = false;

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX CONCURRENTLY IF EXISTS staging_rows_ready`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE INDEX CONCURRENTLY staging_rows_ready ON staging_rows (job_id) WHERE status = 'READY'`,
    );
  }
}
