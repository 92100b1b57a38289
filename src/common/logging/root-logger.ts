import pino, { type DestinationStream, type Logger } from 'pino';
import { requestContext } from './request-context.js';

export interface LoggerSettings {
  level: string;
  format: 'json' | 'simple';
}

/** Secrets never reach the log, whichever object carries them. */
const REDACTED_PATHS = [
  'authorization',
  'password',
  'token',
  'accessToken',
  'refreshToken',
  'apiKey',
  'secret',
  'headers.authorization',
  'headers.cookie',
  'headers["x-api-key"]',
  '*.authorization',
  '*.password',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.apiKey',
  '*.secret',
  '*.headers.authorization',
  '*.headers["x-api-key"]',
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
  return destination ? pino({ ...options, transport: undefined }, destination) : pino(options);
}
