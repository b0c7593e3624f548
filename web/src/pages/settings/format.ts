/** Dates for the settings page's tables. */
/** 2026-05-04T09:30:00.000Z → the reader's own date and time. */
export function formatInstant(iso: string | null): string {
  if (iso === null) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
