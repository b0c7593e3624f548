/**
 * A hash index of a source's rows by key that keeps only the fields a rule reads, in columns: a text column as
 * codes into a dictionary, a date as milliseconds in a Float64Array, a boolean in a byte. A million indexed rows
 * are then a million keys and a few typed arrays, not millions of objects for the garbage collector to walk.
 * A `value` column holds whatever a field holds (a CEL check's lookup can read any field): dates, booleans and
 * null unboxed in typed arrays, anything else as it is, and a field the row does not have stays absent.
 * The first row in file order wins a key (DESIGN §8).
 */
import type { Row } from './model.js';

export interface IndexedField {
  name: string;
  kind: 'text' | 'date' | 'boolean' | 'value';
  /** The field's value in a row; for a `value` column, undefined where the row does not have the field. */
  read(row: Row): unknown;
}

export interface RowIndex {
  add(key: string | null, row: Row): void;
  /** The kept fields of the row indexed under `key` (null values as null, absent `value` fields absent), or undefined. */
  get(key: string | null): Row | undefined;
  readonly size: number;
}

const NULL_CODE = -1;
const BOOLEAN_NULL = 2;
/** What a `value` column gives for a field the row did not have. */
const ABSENT: unique symbol = Symbol('absent');
/** What a `value` column holds of a row, a byte each; Other is kept as it is, in the column's array. */
const Tag = { Absent: 0, Null: 1, True: 2, False: 3, Date: 4, Other: 5 } as const;
type Tag = (typeof Tag)[keyof typeof Tag];

interface Column {
  push(slot: number, value: unknown): void;
  value(slot: number): unknown;
  grow(capacity: number): void;
}

export function createRowIndex(fields: readonly IndexedField[]): RowIndex {
  const slots = new Map<string, number>();
  let capacity = 1024;
  const columns = fields.map((f) => columnOf(f.kind, capacity));
  return {
    add(key, row) {
      if (key === null || slots.has(key)) return;
      const slot = slots.size;
      if (slot === capacity) {
        capacity *= 2;
        for (const column of columns) column.grow(capacity);
      }
      slots.set(key, slot);
      fields.forEach((f, i) => columns[i]?.push(slot, f.read(row)));
    },
    get(key) {
      const slot = key === null ? undefined : slots.get(key);
      if (slot === undefined) return undefined;
      const row: Row = {};
      for (let i = 0; i < fields.length; i++) {
        const value = (columns[i] as Column).value(slot);
        if (value !== ABSENT) row[(fields[i] as IndexedField).name] = value;
      }
      return row;
    },
    get size() {
      return slots.size;
    },
  };
}

function columnOf(kind: IndexedField['kind'], capacity: number): Column {
  switch (kind) {
    case 'date': {
      let values = new Float64Array(capacity);
      return {
        push: (slot, value) => void (values[slot] = value instanceof Date ? value.getTime() : Number.NaN),
        value: (slot) => (Number.isNaN(values[slot]) ? null : new Date(values[slot] as number)),
        grow: (size) => (values = grown(values, new Float64Array(size))),
      };
    }
    case 'boolean': {
      let values = new Uint8Array(capacity);
      return {
        push: (slot, value) => void (values[slot] = value === true ? 1 : value === false ? 0 : BOOLEAN_NULL),
        value: (slot) => (values[slot] === BOOLEAN_NULL ? null : values[slot] === 1),
        grow: (size) => (values = grown(values, new Uint8Array(size))),
      };
    }
    case 'value': {
      let tags = new Uint8Array(capacity);
      let times = new Float64Array(capacity);
      // One entry a row (undefined unless the tag is Other): slots come in order, so the array stays dense.
      const others: unknown[] = [];
      return {
        push(slot, value) {
          const tag = valueTag(value);
          tags[slot] = tag;
          if (tag === Tag.Date) times[slot] = (value as Date).getTime();
          others.push(tag === Tag.Other ? value : undefined);
        },
        value(slot) {
          switch (tags[slot] as Tag) {
            case Tag.Absent:
              return ABSENT;
            case Tag.Null:
              return null;
            case Tag.True:
              return true;
            case Tag.False:
              return false;
            case Tag.Date:
              return new Date(times[slot] as number);
            case Tag.Other:
              return others[slot];
          }
        },
        grow(size) {
          tags = grown(tags, new Uint8Array(size));
          times = grown(times, new Float64Array(size));
        },
      };
    }
    case 'text': {
      // Values such as a status repeat: each distinct text is kept once.
      const dictionary = new Map<string, number>();
      const texts: string[] = [];
      let codes = new Int32Array(capacity);
      return {
        push(slot, value) {
          if (value === null || value === undefined) {
            codes[slot] = NULL_CODE;
            return;
          }
          const text = String(value);
          let code = dictionary.get(text);
          if (code === undefined) {
            code = texts.push(text) - 1;
            dictionary.set(text, code);
          }
          codes[slot] = code;
        },
        value: (slot) => (codes[slot] === NULL_CODE ? null : texts[codes[slot] as number]),
        grow: (size) => (codes = grown(codes, new Int32Array(size))),
      };
    }
  }
}

function valueTag(value: unknown): Tag {
  if (value === undefined) return Tag.Absent;
  if (value === null) return Tag.Null;
  if (value === true) return Tag.True;
  if (value === false) return Tag.False;
  return value instanceof Date ? Tag.Date : Tag.Other;
}

function grown<T extends Float64Array | Uint8Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
