/**
 * Errors as RFC 9457 problem details. Domain errors map to their status; validation errors list where the
 * problem is (a JSON path); anything unexpected is a 500 whose details stay in the log.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { Problem } from '../contract/problem.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  TooLargeError,
  TooManyAttemptsError,
  UnauthenticatedError,
  ValidationError,
  type Issue,
} from '../domain/index.js';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
};

export function problem(status: number, detail?: string, issues?: Issue[]): Problem {
  return {
    type: status >= 500 ? 'about:blank' : `https://assay.dev/problems/${status}`,
    title: TITLES[status] ?? 'Error',
    status,
    ...(detail !== undefined ? { detail } : {}),
    ...(issues !== undefined ? { issues } : {}),
  };
}

export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const send = (p: Problem) =>
    reply.status(p.status).type('application/problem+json').send(JSON.stringify({ ...p, instance: request.url }));

  if (hasZodFastifySchemaValidationErrors(error)) {
    const part = (error as FastifyError).validationContext ?? 'body';
    const issues = error.validation.map((v) => ({
      location: jsonPath(part, v.instancePath),
      message: v.message ?? 'is not valid',
    }));
    return send(problem(400, `The request ${part} is not valid`, issues));
  }
  if (error instanceof ValidationError) return send(problem(422, error.summary, error.issues));
  if (error instanceof UnauthenticatedError) return send(problem(401, error.message));
  if (error instanceof ForbiddenError) return send(problem(403, error.message));
  if (error instanceof NotFoundError) return send(problem(404, error.message));
  if (error instanceof ConflictError) return send(problem(409, error.message));
  if (error instanceof TooLargeError) return send(problem(413, error.message));
  if (error instanceof TooManyAttemptsError) {
    reply.header('retry-after', String(error.retryAfterSeconds));
    return send(problem(429, error.message));
  }

  if ((error as FastifyError).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    // Name the limit, which differs by route (an OSCAL import takes more than the rest of the API).
    const limit = request.routeOptions.bodyLimit;
    return send(problem(413, `The request body is larger than the ${(limit / 1024 / 1024).toFixed(limit % (1024 * 1024) === 0 ? 0 : 1)} MB this route takes`));
  }
  const status = (error as FastifyError).statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    // Fastify's own client errors: malformed JSON, body too large, wrong content type, rate limit.
    return send(problem(status, error.message));
  }
  request.log.error({ err: error }, 'unexpected error');
  return send(problem(500, 'Something went wrong on our side; it has been logged.'));
}

/** `/samples/3/result` in the body → `$.samples[3].result`. */
function jsonPath(part: string, instancePath: string): string {
  const segments = instancePath.split('/').filter(Boolean);
  const path = segments.map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s}`)).join('');
  return part === 'body' ? `$${path}` : `${part}${path}`;
}
