/** Loaders run side by side, so that one refusal names the problems of every part at once. */
import { ValidationError } from '../domain/index.js';
import { sortIssues } from './validator.js';

type Values<T> = { -readonly [K in keyof T]: T[K] extends PromiseSettledResult<infer V> ? V : never };

/**
 * The values of settled loaders, or one ValidationError with the problems of all that refused, in file order; an
 * error that is not a ValidationError (a file that cannot be read) is thrown as it is.
 */
export function settledValues<T extends readonly PromiseSettledResult<unknown>[] | []>(results: T, message: string): Values<T> {
  const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  const other = refused.find((e) => !(e instanceof ValidationError));
  if (other !== undefined) throw other;
  if (refused.length > 0) throw new ValidationError(sortIssues(refused.flatMap((e) => (e as ValidationError).issues)), message);
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as Values<T>;
}
