import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { createRowIndex, type IndexedField } from './row-index.js';

const FIELDS: IndexedField[] = [
  { name: 'status', kind: 'text', read: (row) => row.status },
  { name: 'changed', kind: 'date', read: (row) => row.changed },
  { name: 'suspended', kind: 'boolean', read: (row) => row.suspended },
];

describe('row index', () => {
  it('keeps the first row of each key, only the fields asked for, nulls as null', () => {
    const index = createRowIndex(FIELDS);
    index.add('a', { status: 'ACTIVE', changed: new Date('2026-01-02T03:04:05.006Z'), suspended: false, other: 'dropped' });
    index.add('a', { status: 'SUSPENDED', changed: null, suspended: true });
    index.add(null, { status: 'X' });
    index.add('b', { status: null, changed: null, suspended: null });
    expect(index.get('a')).toEqual({ status: 'ACTIVE', changed: new Date('2026-01-02T03:04:05.006Z'), suspended: false });
    expect(index.get('b')).toEqual({ status: null, changed: null, suspended: null });
    expect([index.get('c'), index.get(null), index.size]).toEqual([undefined, undefined, 2]);
  });

  prop.prop([fc.array(fc.tuple(fc.integer({ min: 0, max: 3000 }), fc.constantFrom('ACTIVE', 'SUSPENDED', null), fc.option(fc.date({ noInvalidDate: true })), fc.option(fc.boolean())), { maxLength: 3000 })])(
    'gives what a map of the first rows gives, however many rows it grows to',
    (rows) => {
      const index = createRowIndex(FIELDS);
      const reference = new Map<string, object>();
      for (const [key, status, changed, suspended] of rows) {
        index.add(String(key), { status, changed, suspended });
        if (!reference.has(String(key))) reference.set(String(key), { status, changed, suspended });
      }
      expect(index.size).toBe(reference.size);
      for (const [key, row] of reference) expect(index.get(key)).toEqual(row);
    },
  );

  prop.prop([fc.array(fc.string({ unit: 'grapheme', maxLength: 6 }), { maxLength: 3000 })])('finds every key it was given, any text, and no other', (keys) => {
    const index = createRowIndex([{ name: 'n', kind: 'value', read: (row) => row.n }]);
    const first = new Map<string, number>();
    keys.forEach((key, n) => {
      index.add(key, { n });
      if (!first.has(key)) first.set(key, n);
    });
    expect(index.size).toBe(first.size);
    for (const [key, n] of first) expect(index.get(key)).toEqual({ n });
    for (const key of keys) expect(index.get(`${key}\u0000`)).toBeUndefined();
  });

  const anyValue = fc.oneof(fc.constantFrom(undefined, null, true, false, 'x', 3n, 2.5), fc.date({ noInvalidDate: true }), fc.array(fc.string(), { maxLength: 2 }), fc.record({ a: fc.string() }));
  prop.prop([fc.array(fc.tuple(fc.integer({ min: 0, max: 3000 }), anyValue, anyValue), { maxLength: 3000 })])(
    'keeps any value in a value column as it was, a field the row does not have absent',
    (rows) => {
      const read = (name: string) => (row: Record<string, unknown>) => (Object.hasOwn(row, name) ? row[name] : undefined);
      const index = createRowIndex([
        { name: 'a', kind: 'value', read: read('a') },
        { name: 'b', kind: 'value', read: read('b') },
      ]);
      const reference = new Map<string, object>();
      for (const [key, a, b] of rows) {
        // undefined stands for a field the row does not have.
        const row = { ...(a !== undefined && { a }), ...(b !== undefined && { b }) };
        index.add(String(key), row);
        if (!reference.has(String(key))) reference.set(String(key), row);
      }
      expect(index.size).toBe(reference.size);
      for (const [key, row] of reference) expect(index.get(key)).toStrictEqual(row);
    },
  );
});
