import type { MigrationInterface, QueryRunner } from 'typeorm';

/** When a section job last entered the queue, so its queue wait (queued → started) is visible. */
export class SectionJobQueuedAt1764100000000 implements MigrationInterface {
  name = 'SectionJobQueuedAt1764100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE section_jobs ADD COLUMN queued_at timestamptz`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE section_jobs DROP COLUMN queued_at`);
  }
}
