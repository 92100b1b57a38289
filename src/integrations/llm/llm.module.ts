import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env } from '../../config/env.js';
import { LlmClient } from './llm.client.js';

/**
 * Provides `LlmClient` when `LLM_BASE_URL`, `LLM_API_KEY` and `LLM_MODEL` are set, else `null`:
 * each domain then falls back to its built-in provider.
 */
@Module({
  providers: [
    {
      provide: LlmClient,
      inject: [ConfigService],
      useFactory: async (config: ConfigService<Env, true>): Promise<LlmClient | null> => {
        const baseUrl = config.get('LLM_BASE_URL', { infer: true });
        const apiKey = config.get('LLM_API_KEY', { infer: true });
        const model = config.get('LLM_MODEL', { infer: true });
        if (!baseUrl || !apiKey || !model) return null;
        return new LlmClient(
          {
            baseUrl,
            apiKey,
            model,
            timeoutMs: config.get('LLM_TIMEOUT_MS', { infer: true }),
            maxRetries: config.get('LLM_MAX_RETRIES', { infer: true }),
            concurrency: config.get('LLM_CONCURRENCY', { infer: true }),
          },
          await import('openai'),
        );
      },
    },
  ],
  exports: [LlmClient],
})
export class LlmModule {}
