import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Each run gets its own database, Redis prefix and storage directory, so runs never interfere. */
export default function globalSetup(): void {
  const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const base = new URL(
    process.env.TEST_DATABASE_URL ?? 'postgres://postgres@localhost:5432/postgres',
  );
  base.pathname = `/intake_test_${run}`;
  process.env.DATABASE_URL = base.toString();
  process.env.REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://localhost:6379';
  process.env.REDIS_PREFIX = `intake-test-${run}`;
  process.env.STORAGE_LOCAL_DIR = mkdtempSync(join(tmpdir(), 'intake-test-'));
  process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
  process.env.NODE_ENV = 'test';
}
