/** Paging and list envelopes shared by every list route. */
import { z } from 'zod';
import { MAX_PAGE_SIZE } from '../../domain/limits.js';

export const DEFAULT_PAGE_SIZE = 50;

export const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  offset: z.coerce.number().int().min(0).default(0),
});

export function paged<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
}
