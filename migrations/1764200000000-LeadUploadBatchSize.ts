import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The batch size an upload's file was first split with: a split redone after a crash cuts the same
 * batches even if `LEAD_BATCH_SIZE` changed meanwhile.
 */
export class LeadUploadBatchSize1764200000000 implements MigrationInterface {
  name = 'LeadUploadBatchSize1764200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE lead_uploads ADD COLUMN batch_size integer`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE lead_uploads DROP COLUMN batch_size`);
  }
}
