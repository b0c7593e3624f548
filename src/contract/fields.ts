/** Field shapes every resource's schemas build on. */
import { z } from 'zod';
import { isRealDate } from '../domain/index.js';
import { MAX_ID_LENGTH } from '../domain/limits.js';

/** Text a person writes: trimmed, not empty, at most `max` characters. */
export const text = (max: number) => z.string().trim().min(1, { message: 'must not be empty' }).max(max);

const realDate = z.string().refine(isRealDate, { message: 'must be a real date written YYYY-MM-DD' });
/** A calendar date written YYYY-MM-DD that exists (2026-02-30 does not). */
export const date = z.string().max(10, { message: 'must be a date written YYYY-MM-DD' }).pipe(realDate);

/** The version read, sent back with a change (a stale one gets 409). */
export const version = z.number().int().min(1);

/** The expected version of what a DELETE archives or removes (a stale one gets 409, nothing changed). */
export const versionQuery = z.strictObject({ version: z.coerce.number().int().min(1) });

/** An id in an address (an engagement's, another engagement's to compare with). */
export const idParam = z.string().min(1).max(MAX_ID_LENGTH);
