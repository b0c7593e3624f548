import { describe, expect, it } from 'vitest';
import { MAX_PAGE_SIZE } from '../../domain/limits.js';
import type { EvidenceFilters, StoredEvidence } from '../../store/evidence-repository.js';
import type { Page } from '../../store/values.js';
import { readEvidence } from './engagement-record.js';

/** An evidence repository's list over `count` records, every state asked for. */
function evidenceOf(count: number) {
  const records = Array.from({ length: count }, (_, i) => ({ id: `E-${i}`, engagementId: 'engagement-1' }) as StoredEvidence);
  const asked: (EvidenceFilters & Page)[] = [];
  return {
    asked,
    list: async (_engagement: string, filters: EvidenceFilters & Page) => {
      asked.push(filters);
      return { items: records.slice(filters.offset, filters.offset + filters.limit), total: records.length };
    },
  };
}

describe('the record reads evidence', () => {
  it.each([0, 1, MAX_PAGE_SIZE, MAX_PAGE_SIZE + 1, 2 * MAX_PAGE_SIZE + 500])('of %i records whole, superseded and deleted too, a page at a time', async (count) => {
    const evidence = evidenceOf(count);
    const read = await readEvidence({} as never, evidence, 'engagement-1');
    expect(read.map((r) => r.id)).toEqual(Array.from({ length: count }, (_, i) => `E-${i}`));
    expect(read.every((r) => !('engagementId' in r))).toBe(true);
    expect(evidence.asked).toHaveLength(Math.max(1, Math.ceil(count / MAX_PAGE_SIZE)));
    expect(evidence.asked.every((f) => f.state === 'all' && f.limit === MAX_PAGE_SIZE)).toBe(true);
  });

  it('tells each record to the reader one by one, not a page at a time', async () => {
    const told: unknown[] = [];
    const read = await readEvidence({} as never, evidenceOf(MAX_PAGE_SIZE + 2), 'engagement-1', (part) => told.push(part));
    expect(told).toEqual(read);
  });
});
