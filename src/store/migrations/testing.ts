/**
 * Rows as the first schema holds them, written column by column: the migration tests run on a schema older than
 * the repositories read, so they cannot write through them.
 */
import type { Executor } from '../values.js';

/** An organisation with every column of the initial schema; its id. */
export async function insertInitialOrganization(db: Executor, row: { id: string; slug: string }): Promise<string> {
  await db.insertInto('organizations').values({ id: row.id, slug: row.slug, name: row.slug, created_at: '2026-01-01T00:00:00.000Z' }).execute();
  return row.id;
}

/** A type 1 engagement with every column of the initial schema. */
export async function insertInitialEngagement(db: Executor, row: { id: string; organizationId: string; createdAt: string }): Promise<void> {
  await db
    .insertInto('engagements')
    .values({
      id: row.id,
      organization_id: row.organizationId,
      name: 'E',
      system: 'S',
      report_type: 'type1',
      period_end: '2026-06-30',
      categories: '["security"]',
      not_applicable: '[]',
      sampling_confidence: 0.9,
      tolerable_rate: 0.1,
      pervasive_min_series: 3,
      pervasive_min_share: 0.25,
      misstatements: '[]',
      created_at: row.createdAt,
    })
    .execute();
}
