import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  ValidateIf,
  validateSync,
} from 'class-validator';
import { AppRole } from './app-role.js';

const toBoolean = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? ['1', 'true', 'yes', 'on'].includes(value.toLowerCase()) : value;
const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
const emptyToUndefined = ({ value }: { value: unknown }): unknown =>
  value === '' ? undefined : value;

const URL_OPTIONS = { require_tld: false, require_protocol: true };

export enum StorageDriver {
  Local = 'local',
  S3 = 's3',
}

/**
 * Every setting the server reads, with the defaults that let `npm start` run on a machine
 * with Postgres and Redis on localhost. `.env.example` documents each one.
 */
export class Env {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsEnum(AppRole)
  APP_ROLE: AppRole = AppRole.All;

  /**
   * With `APP_ROLE=all`, run the queue workers on a worker thread of their own, so a busy API does
   * not hold up jobs (false: API and workers share one event loop).
   */
  @Transform(toBoolean)
  @IsBoolean()
  QUEUE_WORKER_THREAD = true;

  /**
   * The queue worker thread's old-generation heap limit. Besides capping the thread, a limit under
   * 2 GB makes V8 grow the heap by less between collections, so garbage from streaming large files
   * is collected sooner instead of piling up (the thread's live heap stays well under 100 MB).
   */
  @Transform(toInt)
  @IsInt()
  @Min(128)
  QUEUE_WORKER_HEAP_MB = 512;

  /**
   * The queue worker thread's young generation (V8's default is 32 MB on this platform). Streaming
   * a file allocates fast and keeps little; a smaller young generation is collected more often at
   * about the same cost, and keeps the process's peak lower (bench/RESULTS.md, session 10).
   */
  @Transform(toInt)
  @IsInt()
  @Min(8)
  QUEUE_WORKER_YOUNG_GENERATION_MB = 24;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  @IsUrl(URL_OPTIONS)
  PUBLIC_URL = 'http://localhost:3000';

  @Transform(toInt)
  @IsInt()
  @Min(1000)
  SHUTDOWN_TIMEOUT_MS = 25_000;

  /** Largest JSON or form body accepted (file uploads have their own limits). */
  @Matches(/^\d+(b|kb|mb)$/, { message: 'must be a size such as 100kb or 1mb' })
  JSON_BODY_LIMIT = '1mb';

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@localhost:5432/intake';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @Transform(toBoolean)
  @IsBoolean()
  DATABASE_MIGRATIONS_RUN = true;

  @Matches(/^rediss?:\/\/.+/, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL = 'redis://localhost:6379';

  @Matches(/^[A-Za-z0-9:_-]{1,64}$/, { message: 'must be 1-64 letters, digits, : _ or -' })
  REDIS_PREFIX = 'intake';

  @IsIn(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'])
  LOG_LEVEL = 'info';

  @IsIn(['json', 'simple'])
  LOG_FORMAT: 'json' | 'simple' = 'json';

  /** Issuer claim of the tokens the server signs itself. */
  @IsString()
  AUTH_ISSUER = 'intake';

  /** `client_id` of the server's own access tokens (the Cognito app client's counterpart). */
  @IsString()
  AUTH_CLIENT_ID = 'intake';

  @Transform(toInt)
  @IsInt()
  @Min(60)
  AUTH_ACCESS_TOKEN_TTL_SECONDS = 3600;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[a-z]{2}-[a-z]+-\d$/, { message: 'must be an AWS region such as eu-west-1' })
  COGNITO_REGION?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[\w-]+_[0-9A-Za-z]+$/, { message: 'must look like eu-west-1_AbCdEf123' })
  COGNITO_USER_POOL_ID?: string;

  @Transform(emptyToUndefined)
  @ValidateIf((env: Env) => env.COGNITO_USER_POOL_ID !== undefined)
  @IsString({ message: 'is required when COGNITO_USER_POOL_ID is set' })
  COGNITO_CLIENT_ID?: string;

  /** Overrides the issuer derived from region and pool (a Cognito emulator, a test key set). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  COGNITO_ISSUER?: string;

  /** Overrides `{issuer}/.well-known/jwks.json`. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  COGNITO_JWKS_URL?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  JWKS_REQUESTS_PER_MINUTE = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1000)
  JWKS_CACHE_MAX_AGE_MS = 600_000;

  /** `name:key` pairs, comma-separated; stored hashed on start. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^([\w.-]+:[\w.~+/=-]{16,})(,[\w.-]+:[\w.~+/=-]{16,})*$/, {
    message: 'must be name:key pairs separated by commas, each key at least 16 characters',
  })
  BOOTSTRAP_API_KEYS?: string;

  /** Requests per minute per client on routes without a contract-specific limit. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_DEFAULT_PER_MINUTE = 1200;

  @IsEnum(StorageDriver)
  STORAGE_DRIVER: StorageDriver = StorageDriver.Local;

  @IsString()
  STORAGE_LOCAL_DIR = './data/storage';

  @Transform(emptyToUndefined)
  @ValidateIf((env: Env) => env.STORAGE_DRIVER === StorageDriver.S3)
  @IsString({ message: 'is required when STORAGE_DRIVER=s3' })
  S3_BUCKET?: string;

  @IsString()
  S3_REGION = 'us-east-1';

  /** A non-AWS endpoint (MinIO, a local S3 server); leave empty for AWS. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  S3_ENDPOINT?: string;

  @Transform(toBoolean)
  @IsBoolean()
  S3_FORCE_PATH_STYLE = false;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(604_800)
  SIGNED_URL_TTL_SECONDS = 900;

  /** Seed 002: largest contacts CSV accepted (5 MB by the contract). */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  INGEST_MAX_FILE_BYTES = 5 * 1024 * 1024;

  /** Seed 000: largest lead file (XLSX or CSV) accepted. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  LEAD_MAX_FILE_BYTES = 50 * 1024 * 1024;

  /** Seed 000: most rows read from one lead file; a longer file is refused. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LEAD_MAX_ROWS = 500_000;

  /** An XLSX whose parts inflate past this (a zip bomb) is refused before it is read. */
  @Transform(toInt)
  @IsInt()
  @Min(1024 * 1024)
  LEAD_MAX_UNCOMPRESSED_BYTES = 512 * 1024 * 1024;

  /** Leads per batch; each batch is one queue job and one enrichment call. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  LEAD_BATCH_SIZE = 10;

  /**
   * Batches processed at once, per worker process. The batches running at once read and write
   * their rows together (one statement per turn of the event loop); provider calls are bounded
   * separately by LLM_CONCURRENCY.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(256)
  LEAD_CONCURRENCY = 64;

  /** Region assumed for phone numbers written without a country code (ISO 3166-1 alpha-2). */
  @Matches(/^[A-Z]{2}$/, { message: 'must be a two-letter region code such as US' })
  LEAD_PHONE_REGION = 'US';

  /** Seed 000's rate limits, per user on `/uploads` and `/status`: requests per minute, ... */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_LEAD_PER_MINUTE = 100;

  /** ... requests per second (bursts), ... */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_LEAD_PER_SECOND = 10;

  /** ... and status requests per upload id, in its 24-hour life. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_LEAD_STATUS_PER_UPLOAD = 1000;

  /** OpenAI-compatible chat completions; with all three LLM_* set, the LLM replaces the built-in providers. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  LLM_BASE_URL?: string;

  @Transform(emptyToUndefined)
  @ValidateIf((env: Env) => env.LLM_BASE_URL !== undefined)
  @IsString({ message: 'is required when LLM_BASE_URL is set' })
  LLM_API_KEY?: string;

  @Transform(emptyToUndefined)
  @ValidateIf((env: Env) => env.LLM_BASE_URL !== undefined)
  @IsString({ message: 'is required when LLM_BASE_URL is set' })
  LLM_MODEL?: string;

  /** Per attempt; a call is tried up to 1 + LLM_MAX_RETRIES times. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  LLM_TIMEOUT_MS = 60_000;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10)
  LLM_MAX_RETRIES = 3;

  /** Calls in flight at once, per process. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(256)
  LLM_CONCURRENCY = 4;

  /** Seed 003 leaves `Commercial_proposal` titles open: the allowed ones, separated by `|`. */
  @Matches(/^[^|]{1,120}(\|[^|]{1,120})*$/, { message: 'must be titles separated by |' })
  COMMERCIAL_PROPOSAL_TITLES =
    'Executive Summary|Client Needs|Proposed Solution|Scope of Work|Deliverables|Pricing|' +
    'Payment Terms|Timeline|Team|Assumptions|Terms & Conditions|Next Steps';
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** The constraint that says what a value should be, reported before range checks. */
const TYPE_CONSTRAINTS = ['isInt', 'isBoolean', 'isEnum', 'isIn', 'matches', 'isUrl', 'isString'];

/** Parses and validates the environment; the error names each bad variable and why. */
export function validateEnv(raw: Record<string, unknown>): Env {
  const env = plainToInstance(Env, raw, { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: false, skipMissingProperties: false });
  if (errors.length > 0) {
    const reasons = errors.map((error) => {
      const constraints = error.constraints ?? {};
      const kind = TYPE_CONSTRAINTS.find((name) => name in constraints);
      const constraint = (kind ? constraints[kind] : Object.values(constraints)[0]) ?? 'is invalid';
      const value = raw[error.property];
      const shown =
        value === undefined || /SECRET|KEY|PASSWORD|TOKEN|URL/.test(error.property)
          ? ''
          : ` (got "${String(value)}")`;
      return `${error.property} ${constraint.replace(new RegExp(`^${error.property} `), '')}${shown}`;
    });
    throw new ConfigError(`invalid environment: ${reasons.join('; ')}`);
  }
  return env;
}
