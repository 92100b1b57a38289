/** How a provider call failed, in the codes clients see (seed 003's `error_code`). */
export enum LlmErrorCode {
  Timeout = 'PROVIDER_TIMEOUT',
  RateLimited = 'PROVIDER_RATE_LIMITED',
  Failed = 'PROVIDER_ERROR',
}

/** A provider call that failed after its retries; the message is safe to show a client. */
export class LlmError extends Error {
  override readonly name = 'LlmError';

  constructor(
    readonly code: LlmErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
