/**
 * Rows as the first schema holds them, written column by column: the migration tests run on a schema older than
 * the repositories read, so they cannot write through them.
 */
import type { Executor } from '../values.js';

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
