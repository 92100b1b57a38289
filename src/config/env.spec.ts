import { AppRole } from './app-role.js';
import { ConfigError, StorageDriver, validateEnv } from './env.js';

describe('validateEnv', () => {
  it('serves locally with no settings at all', () => {
    const env = validateEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      APP_ROLE: AppRole.All,
      DATABASE_URL: 'postgres://postgres@localhost:5432/intake',
      REDIS_URL: 'redis://localhost:6379',
      STORAGE_DRIVER: StorageDriver.Local,
      DATABASE_MIGRATIONS_RUN: true,
    });
  });

  it('converts numbers and booleans from strings', () => {
    const env = validateEnv({
      PORT: '8080',
      DATABASE_MIGRATIONS_RUN: 'false',
      S3_FORCE_PATH_STYLE: 'true',
    });
    expect(env.PORT).toBe(8080);
    expect(env.DATABASE_MIGRATIONS_RUN).toBe(false);
    expect(env.S3_FORCE_PATH_STYLE).toBe(true);
  });

  it('names each invalid variable and why, in one message', () => {
    expect(() => validateEnv({ PORT: 'eighty', APP_ROLE: 'both' })).toThrow(ConfigError);
    try {
      validateEnv({ PORT: 'eighty', APP_ROLE: 'both' });
    } catch (error) {
      expect((error as Error).message).toMatch(/^invalid environment: /);
      expect((error as Error).message).toContain(
        'APP_ROLE must be one of the following values: api, worker, all (got "both")',
      );
      expect((error as Error).message).toContain('PORT must be an integer number (got "eighty")');
    }
  });

  it('refuses a worker thread heap too small to boot the workers in', () => {
    expect(validateEnv({}).QUEUE_WORKER_HEAP_MB).toBe(512);
    expect(() => validateEnv({ QUEUE_WORKER_HEAP_MB: '64' })).toThrow(
      'QUEUE_WORKER_HEAP_MB must not be less than 128 (got "64")',
    );
  });

  it('sizes the worker thread young generation, at 8 MB or more', () => {
    expect(validateEnv({}).QUEUE_WORKER_YOUNG_GENERATION_MB).toBe(24);
    expect(
      validateEnv({ QUEUE_WORKER_YOUNG_GENERATION_MB: '48' }).QUEUE_WORKER_YOUNG_GENERATION_MB,
    ).toBe(48);
    expect(() => validateEnv({ QUEUE_WORKER_YOUNG_GENERATION_MB: '4' })).toThrow(
      'QUEUE_WORKER_YOUNG_GENERATION_MB must not be less than 8 (got "4")',
    );
  });

  it('requires what a chosen feature needs, and does not echo URLs that may hold passwords', () => {
    expect(() => validateEnv({ STORAGE_DRIVER: 's3' })).toThrow(
      'S3_BUCKET is required when STORAGE_DRIVER=s3',
    );
    expect(() => validateEnv({ COGNITO_USER_POOL_ID: 'eu-west-1_Abc123' })).toThrow(
      'COGNITO_CLIENT_ID is required when COGNITO_USER_POOL_ID is set',
    );
    expect(() => validateEnv({ DATABASE_URL: 'mysql://root:secret@db/x' })).toThrow(
      /DATABASE_URL must be a postgres:\/\/ URL$/,
    );
  });
});
