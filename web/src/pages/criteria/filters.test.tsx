import { describe, expect, it } from 'vitest';
import { fixtureResult } from '../dashboard/testing.js';
import { criteriaHref, filterCriteria, filtersToParams, isFiltered, namedCriterion, NO_FILTERS, readFilters } from './filters.js';

const criteria = fixtureResult().criteria;
const ids = (filters: Parameters<typeof filterCriteria>[1]) => filterCriteria(criteria, filters).map((c) => c.id);

describe('readFilters', () => {
  it('reads comma-separated and repeated values', () => {
    const filters = readFilters(new URLSearchParams('status=not_met,unable_to_conclude&series=CC6&series=A1&category=security'));
    expect(filters).toEqual({ statuses: ['not_met', 'unable_to_conclude'], categories: ['security'], series: ['CC6', 'A1'], query: '' });
  });

  it('ignores unknown statuses and categories rather than matching nothing', () => {
    expect(readFilters(new URLSearchParams('status=bogus,met&category=nope'))).toMatchObject({ statuses: ['met'], categories: [] });
  });

  it('round-trips through the search parameters', () => {
    const filters = { statuses: ['met' as const], categories: ['availability' as const], series: ['A1'], query: 'backup' };
    expect(readFilters(filtersToParams(filters))).toEqual(filters);
    expect(filtersToParams(NO_FILTERS).toString()).toBe('');
  });
});

describe('filterCriteria', () => {
  it('admits everything without filters', () => {
    expect(ids(NO_FILTERS)).toHaveLength(criteria.length);
    expect(isFiltered(NO_FILTERS)).toBe(false);
  });

  it('narrows by status, category and series together', () => {
    expect(ids({ ...NO_FILTERS, statuses: ['not_met'] })).toEqual(['CC6.2', 'A1.3']);
    expect(ids({ ...NO_FILTERS, statuses: ['not_met'], categories: ['security'] })).toEqual(['CC6.2']);
    expect(ids({ ...NO_FILTERS, series: ['CC6', 'A1'] })).toEqual(['CC6.1', 'CC6.2', 'A1.2', 'A1.3']);
    expect(ids({ ...NO_FILTERS, categories: ['availability'], statuses: ['met'] })).toEqual(['A1.2']);
  });

  it('searches the start of the ID, the title and control IDs', () => {
    expect(ids({ ...NO_FILTERS, query: 'cc6' })).toEqual(['CC6.1', 'CC6.2']);
    // C1.1 names the confidentiality criterion, not CC1.1 which merely contains it.
    expect(ids({ ...NO_FILTERS, query: 'C1.1' })).toEqual([]);
    expect(ids({ ...NO_FILTERS, query: ' BACKUPS ' })).toEqual(['A1.2']);
    expect(ids({ ...NO_FILTERS, query: 'ac-04' })).toEqual(['CC6.2']);
  });

  it('names a criterion only on an exact ID', () => {
    expect(namedCriterion(criteria, { ...NO_FILTERS, query: 'cc6.2' })).toBe('CC6.2');
    expect(namedCriterion(criteria, { ...NO_FILTERS, query: 'CC6' })).toBeNull();
  });
});

describe('criteriaHref', () => {
  it('links to the matrix, filtered', () => {
    expect(criteriaHref('/o/a/e/b', { statuses: ['not_met'] })).toBe('/o/a/e/b/criteria?status=not_met');
    expect(criteriaHref('/o/a/e/b')).toBe('/o/a/e/b/criteria');
  });
});
