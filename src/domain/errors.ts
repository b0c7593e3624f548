/**
 * Domain errors. They know nothing of HTTP or exit codes: the server maps them to problem+json,
 * the CLI to exit codes and `file:line` messages.
 */

/** Where a problem was found: a file and line, a CSV row and field, or a JSON path. */
export interface Issue {
  /** e.g. `controls/ac-04.yaml:7`, `population.csv:12 (id)`, `$.samples[3].result` */
  location: string;
  message: string;
}

export class ValidationError extends Error {
  readonly issues: Issue[];
  /** One line saying what was refused, e.g. "The workspace is not valid". */
  readonly summary: string;
  constructor(issues: Issue[], summary = 'Input is not valid') {
    super(`${summary}:\n${issues.map((i) => `${i.location}: ${i.message}`).join('\n')}`);
    this.name = 'ValidationError';
    this.issues = issues;
    this.summary = summary;
  }
}

export class NotFoundError extends Error {
  constructor(what: string) {
    super(`${what} was not found`);
    this.name = 'NotFoundError';
  }
}

export class ForbiddenError extends Error {
  constructor(message = 'You are not allowed to do this') {
    super(message);
    this.name = 'ForbiddenError';
  }
}

export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** The caller could not be identified: no session, a bad token, or wrong credentials. */
export class UnauthenticatedError extends Error {
  constructor(message = 'Sign in, or send an API token as "Authorization: Bearer <token>"') {
    super(message);
    this.name = 'UnauthenticatedError';
  }
}

/** Too many attempts (failed sign-ins from this account or address, reports under way): try again after `retryAfterSeconds`. */
export class TooManyAttemptsError extends Error {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number, message = `Too many failed sign-ins; try again in ${retryAfterSeconds} seconds`) {
    super(message);
    this.name = 'TooManyAttemptsError';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Content larger than a limit allows (a file upload): nothing of it was kept. */
export class TooLargeError extends Error {
  readonly limitBytes: number;
  constructor(what: string, limitBytes: number) {
    super(`${what} is larger than the ${limitBytes} bytes allowed`);
    this.name = 'TooLargeError';
    this.limitBytes = limitBytes;
  }
}
