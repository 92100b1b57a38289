import { Logger } from '@nestjs/common';
import type OpenAI from 'openai';
import pLimit, { type LimitFunction } from 'p-limit';
import { LlmError, LlmErrorCode } from './llm-error.js';

/** The OpenAI SDK, imported only where an LLM is configured (about 10 MB per isolate otherwise). */
export type OpenAiSdk = typeof import('openai');

export interface LlmSettings {
  baseUrl: string;
  apiKey: string;
  model: string;
  timeoutMs: number;
  maxRetries: number;
  concurrency: number;
}

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

export interface ChatCompletion {
  content: string;
  usage: TokenUsage;
}

export interface ChatOptions {
  /** Ask for a JSON object (`response_format: json_object`). */
  json?: boolean;
  /** Aborts the call, including its retries (cancellation). */
  signal?: AbortSignal;
}

/**
 * `fetch` whose aborts reject with an `Error` named AbortError. Node's own rejection is a
 * DOMException, which is not an `Error` of every realm (a vm context, a test runner); the SDK then
 * loses its name and reports a timeout as a plain connection error.
 */
const fetchWithPlainAborts: typeof fetch = (input, init) =>
  fetch(input, init).catch((error: unknown) => {
    if ((error as { name?: unknown } | null)?.name !== 'AbortError') throw error;
    const abort = new Error('The request was aborted');
    abort.name = 'AbortError';
    throw abort;
  });

/**
 * An OpenAI-compatible chat-completions client, shared by every domain that asks an LLM.
 * The SDK retries 429, 5xx and timeouts with exponential backoff and jitter, honouring
 * `retry-after`; this adds a per-process bound on calls in flight and maps failures to the codes
 * clients see. Present only when `LLM_BASE_URL`, `LLM_API_KEY` and `LLM_MODEL` are set.
 */
export class LlmClient {
  private readonly logger = new Logger(LlmClient.name);
  private readonly openai: OpenAI;
  private readonly model: string;
  private readonly limit: LimitFunction;

  constructor(
    settings: LlmSettings,
    private readonly sdk: OpenAiSdk,
  ) {
    this.model = settings.model;
    this.limit = pLimit(settings.concurrency);
    this.openai = new sdk.OpenAI({
      baseURL: settings.baseUrl,
      apiKey: settings.apiKey,
      timeout: settings.timeoutMs,
      maxRetries: settings.maxRetries,
      logLevel: 'off',
      fetch: fetchWithPlainAborts,
    });
  }

  complete(messages: ChatMessage[], options: ChatOptions = {}): Promise<ChatCompletion> {
    return this.limit(async () => {
      options.signal?.throwIfAborted();
      try {
        const completion = await this.openai.chat.completions.create(
          {
            model: this.model,
            messages,
            ...(options.json ? { response_format: { type: 'json_object' as const } } : {}),
          },
          { signal: options.signal },
        );
        const content = completion.choices?.[0]?.message?.content;
        if (typeof content !== 'string' || content.trim() === '') {
          throw new LlmError(LlmErrorCode.Failed, 'The provider returned an empty completion');
        }
        return {
          content,
          usage: {
            promptTokens: completion.usage?.prompt_tokens ?? 0,
            completionTokens: completion.usage?.completion_tokens ?? 0,
          },
        };
      } catch (error) {
        throw this.toLlmError(error, options.signal);
      }
    });
  }

  private toLlmError(error: unknown, signal?: AbortSignal): unknown {
    if (error instanceof LlmError) return error;
    if (error instanceof this.sdk.APIUserAbortError || signal?.aborted)
      return signal?.reason ?? error;
    this.logger.warn({ error }, 'LLM call failed');
    if (error instanceof this.sdk.APIConnectionTimeoutError) {
      return new LlmError(LlmErrorCode.Timeout, 'The provider did not answer in time');
    }
    if (error instanceof this.sdk.RateLimitError) {
      return new LlmError(LlmErrorCode.RateLimited, 'The provider is rate limiting requests');
    }
    if (error instanceof this.sdk.APIConnectionError) {
      return new LlmError(LlmErrorCode.Failed, 'The provider could not be reached');
    }
    if (error instanceof this.sdk.APIError) {
      return new LlmError(LlmErrorCode.Failed, `The provider answered HTTP ${error.status}`);
    }
    return new LlmError(LlmErrorCode.Failed, 'The provider sent a malformed response');
  }
}
