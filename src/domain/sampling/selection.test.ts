// The domain does no I/O, but this test checks the rank against an independent SHA-256 implementation.
// eslint-disable-next-line no-restricted-imports
import { createHash } from 'node:crypto';
import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect, test } from 'vitest';
import { ValidationError } from '../errors.js';
import { rankPopulation, selectionRank, selectSample } from './selection.js';

describe('selectionRank', () => {
  test('is the hex SHA-256 of `<seed>:<item id>`, as anyone can recompute it', () => {
    const expected = createHash('sha256').update('2025-audit:TKT-1042').digest('hex');
    expect(selectionRank('2025-audit', 'TKT-1042')).toBe(expected);
    // sha256("a:b"), written out so the check does not rest on one library alone.
    expect(selectionRank('a', 'b')).toBe('6783a31eabf68ccc0660f935c0826282bdd2241f3a80a9f2d10d59aea9ebb5d8');
  });

  test('hashes the UTF-8 bytes of non-ASCII ids', () => {
    expect(selectionRank('séed', 'üser-ß')).toBe(createHash('sha256').update('séed:üser-ß', 'utf8').digest('hex'));
  });
});

describe('rankPopulation and selectSample', () => {
  const population = Array.from({ length: 40 }, (_, i) => `EMP-${i + 1}`);

  test('orders the population by ascending rank', () => {
    const ranked = rankPopulation(population, 's1');
    expect(ranked).toHaveLength(40);
    const ranks = ranked.map((r) => r.rank);
    expect(ranks).toEqual([...ranks].sort());
    for (const { item, rank } of ranked) expect(rank).toBe(selectionRank('s1', item));
  });

  test('takes the first n in rank order', () => {
    const sample = selectSample(population, 5, 's1');
    expect(sample).toEqual(rankPopulation(population, 's1').slice(0, 5));
  });

  test('a different seed gives a different selection', () => {
    const a = selectSample(population, 10, 'seed-a').map((s) => s.item);
    const b = selectSample(population, 10, 'seed-b').map((s) => s.item);
    expect(a).not.toEqual(b);
  });

  test('takes the whole population when it is smaller than the sample', () => {
    expect(selectSample(['x', 'y'], 25, 's')).toHaveLength(2);
    expect(selectSample(population, 0, 's')).toEqual([]);
  });

  test('refuses a sample size that is not a whole number ≥ 0', () => {
    expect(() => selectSample(population, -1, 's')).toThrow(RangeError);
    expect(() => selectSample(population, 2.5, 's')).toThrow(RangeError);
  });

  test('refuses duplicate ids with a ValidationError naming both positions', () => {
    let error: unknown;
    try {
      rankPopulation(['A', 'B', 'A', 'C', 'B'], 's');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const issues = (error as ValidationError).issues;
    expect(issues).toEqual([
      { location: 'item 3', message: 'duplicate item id "A" (first at item 1)' },
      { location: 'item 5', message: 'duplicate item id "B" (first at item 2)' },
    ]);
  });

  test('names the positions through the caller’s locator', () => {
    const locate = (i: number) => `population.csv:${i + 2}`;
    expect(() => selectSample(['A', 'B', 'A'], 1, 's', locate)).toThrow(/population\.csv:4: duplicate item id "A" \(first at population\.csv:2\)/);
  });
});

describe('selection properties (d)', () => {
  const ids = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 60 });
  const seed = fc.string({ maxLength: 16 });

  prop.prop([ids, seed, fc.nat({ max: 70 }), fc.infiniteStream(fc.nat())], { numRuns: 200 })(
    'does not depend on the order of the population',
    (items, s, size, randoms) => {
      const shuffled = [...items];
      const it = randoms[Symbol.iterator]();
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = (it.next().value as number) % (i + 1);
        [shuffled[i], shuffled[j]] = [shuffled[j] as string, shuffled[i] as string];
      }
      expect(selectSample(shuffled, size, s)).toEqual(selectSample(items, size, s));
    },
  );

  prop.prop([ids, seed, fc.nat({ max: 70 })], { numRuns: 200 })('is stable for a seed', (items, s, size) => {
    const first = selectSample(items, size, s);
    expect(selectSample([...items], size, s)).toEqual(first);
    expect(first).toHaveLength(Math.min(size, items.length));
  });

  prop.prop([ids, seed, fc.nat({ max: 70 })], { numRuns: 200 })(
    'the selection of size n is a prefix of the selection of size n + 1',
    (items, s, size) => {
      const smaller = selectSample(items, size, s);
      const larger = selectSample(items, size + 1, s);
      expect(larger.slice(0, smaller.length)).toEqual(smaller);
      expect(larger.length - smaller.length).toBe(size < items.length ? 1 : 0);
    },
  );
});
