/**
 * Structured request logs (Fastify's own pino logger): one line per request received and completed, failed
 * sign-ins with the account and the client address, and unexpected errors. Secrets never reach a line: the
 * request is logged by method, path and address only (no headers, no body), and pino redacts the places a secret
 * could still be put by mistake (credentials, cookies, tokens, passwords).
 */
import type { FastifyRequest } from 'fastify';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LogOptions {
  level: LogLevel;
  /** Where lines go (default: standard output). */
  stream?: { write(line: string): void };
}

const SECRETS = ['password', 'currentPassword', 'newPassword', 'token', 'secret', 'csrfToken', 'authorization', 'cookie'];

/** Redacted wherever they appear at the top of a logged object or one level down (`err.password`, `req.cookie`). */
export const REDACTED_PATHS = [
  ...SECRETS,
  ...SECRETS.map((key) => `*.${key}`),
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
];

export function loggerOptions(options: LogOptions) {
  return {
    level: options.level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      req: (request: FastifyRequest) => ({ method: request.method, url: request.url, address: request.ip }),
    },
    ...(options.stream ? { stream: options.stream } : {}),
  };
}
