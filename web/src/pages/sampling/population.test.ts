import { TRICKY_POPULATION } from '@assay/domain/testing/population.js';
import { describe, expect, it } from 'vitest';
import { parseCsv, populationOf, selectFrom } from './population.js';

describe('the sampling page on a tricky CSV (quotes, BOM, CRLF, empty lines, a quoted newline)', () => {
  const { text, column, size, seed, items, selected, duplicate } = TRICKY_POPULATION;

  it('reads and selects the items the command line selects', () => {
    expect(populationOf(parseCsv(text), column)).toMatchObject({ ids: items, issues: [] });
    const selection = selectFrom(populationOf(parseCsv(text), column), size, seed);
    expect(selection.ok && selection.items.map((i) => i.item)).toEqual(selected);
  });

  it('refuses an item listed twice and a missing id column at their lines', () => {
    expect(selectFrom(populationOf(parseCsv(duplicate), column), size, seed)).toMatchObject({
      ok: false,
      issues: [{ location: 'line 10', message: 'duplicate item id "T-3" (first at line 5)' }],
    });
    expect(populationOf(parseCsv(text), 'id').issues).toEqual([{ location: 'line 1', message: 'no column "id" (columns: name, ticket, closed)' }]);
  });
});
