/** Words and dates for the settings page's tables and errors. */
import { ApiError } from '../../api/client.js';

/**
 * What to tell a person about a refused member or token change. A 409 here is mostly a rule (the last admin,
 * someone already a member), so the server's own words say more than the generic "changed in the meantime".
 */
export function explain(error: unknown): string {
  if (error instanceof ApiError && error.status === 409 && error.problem?.detail) return error.problem.detail;
  if (error instanceof ApiError && error.status === 404 && error.problem?.detail) return error.problem.detail;
  return error instanceof Error ? error.message : String(error);
}

/** 2026-05-04T09:30:00.000Z → the reader's own date and time. */
export function formatInstant(iso: string | null): string {
  if (iso === null) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
