/**
 * Engagements and controls are archived, not deleted: archived work is evidence, read-only and out of the
 * default lists until an admin restores it. Lists say which they give.
 */

/** Those in use (the default), all, or only the archived. */
export const ARCHIVED_FILTERS = ['exclude', 'include', 'only'] as const;
export type ArchivedFilter = (typeof ARCHIVED_FILTERS)[number];
