/**
 * A hash index of a source's rows by key that keeps only the fields a rule reads, in columns: a text column as
 * codes into a dictionary, a date as milliseconds in a Float64Array, a boolean in a byte. A million indexed rows
 * are then a million keys and a few typed arrays, not millions of objects for the garbage collector to walk.
 * The first row in file order wins a key (DESIGN §8).
 */
import type { Row } from './model.js';

export interface IndexedField {
  name: string;
  kind: 'text' | 'date' | 'boolean';
  read(row: Row): unknown;
}

export interface RowIndex {
  add(key: string | null, row: Row): void;
  /** The kept fields of the row indexed under `key` (null values as null), or undefined. */
  get(key: string | null): Row | undefined;
  readonly size: number;
}

const NULL_CODE = -1;
const BOOLEAN_NULL = 2;

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
      fields.forEach((f, i) => (row[f.name] = columns[i]?.value(slot)));
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

function grown<T extends Float64Array | Uint8Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
