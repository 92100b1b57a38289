import pino, { type DestinationStream, type Logger } from 'pino';
import { requestContext } from './request-context.js';

export interface LoggerSettings {
  level: string;
  format: 'json' | 'simple';
}

/**
 * Secrets never reach the log. Exact paths only: wildcard paths cost on every line, and the
 * code logs credentials nowhere else.
 */
const REDACTED_PATHS = [
  'password',
  'token',
  'accessToken',
  'refreshToken',
  'apiKey',
  'secret',
  'headers.authorization',
  'headers.cookie',
  'headers["x-api-key"]',
  'body.password',
  'body.token',
  'body.refreshToken',
];

/** The process-wide pino logger: JSON lines with timestamp, level, logger, message and request ids. */
export function createRootLogger(
  settings: LoggerSettings,
  destination?: DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    level: settings.level,
    messageKey: 'message',
    errorKey: 'error',
    base: undefined,
    serializers: { error: pino.stdSerializers.err },
    timestamp: () => `,"timestamp":"${new Date().toISOString()}"`,
    formatters: { level: (label) => ({ level: label.toUpperCase() }) },
    redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
    mixin: () => {
      const context = requestContext.getStore();
      return context ? { request_id: context.requestId, user_id: context.userId } : {};
    },
    transport:
      settings.format === 'simple'
        ? {
            target: 'pino-pretty',
            options: {
              singleLine: true,
              messageKey: 'message',
              timestampKey: 'timestamp',
              ignore: 'logger',
              messageFormat: '[{logger}] {message}',
            },
          }
        : undefined,
  };
  if (destination) return pino({ ...options, transport: undefined }, destination);
  if (options.transport) return pino(options);
  // Buffered, asynchronous writes: one syscall per few lines instead of one per request line.
  // Lines written while a write is in flight are batched into the next; flushed on exit.
  return pino(options, pino.destination({ dest: 1, sync: false }));
}
