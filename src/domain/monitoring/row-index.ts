/**
 * A hash index of a source's rows by key that keeps only the fields a rule reads, in columns: a text column as
 * codes into a dictionary, a date as milliseconds in a Float64Array, a boolean in a byte. A million indexed rows
 * are then a million keys and a few typed arrays, not millions of objects for the garbage collector to walk.
 * A `value` column holds whatever a field holds (a CEL check's lookup can read any field): dates, booleans and
 * null unboxed in typed arrays, anything else as it is, and a field the row does not have stays absent.
 * The first row in file order wins a key (DESIGN §8). Keys find their rows through a table of their own (keySlots),
 * not a Map: a check looks a million keys up, and a Map's chained buckets cost it about twice the time.
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
  const slots = keySlots();
  let capacity = 1024;
  const columns = fields.map((f) => columnOf(f.kind, capacity));
  return {
    add(key, row) {
      if (key === null) return;
      const slot = slots.add(key);
      if (slot === NOT_FOUND) return;
      if (slot === capacity) {
        capacity *= 2;
        for (const column of columns) column.grow(capacity);
      }
      for (let i = 0; i < fields.length; i++) (columns[i] as Column).push(slot, (fields[i] as IndexedField).read(row));
    },
    get(key) {
      const slot = key === null ? NOT_FOUND : slots.find(key);
      if (slot === NOT_FOUND) return undefined;
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

const NOT_FOUND = -1;

/**
 * Keys numbered 0, 1, 2… in the order first added, found by open addressing in typed arrays kept at most half
 * full. Each table draws its own seed for the hash, so no file can be written to make its keys collide (and every
 * look-up crawl) without knowing it.
 */
function keySlots() {
  const seed = Math.floor(Math.random() * 0x1_0000_0000) | 0;
  const keys: string[] = [];
  let mask = 1023;
  // Per position: the key's number plus one (0 is empty), and its hash, compared before the text.
  let numbers = new Int32Array(mask + 1);
  let hashes = new Int32Array(mask + 1);
  const hashOf = (key: string): number => {
    let h = seed;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    // A final mix, so the low bits the position is taken from depend on every character.
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return h ^ (h >>> 16);
  };
  /** The key's number, or where it would go as -2 - position. */
  const probe = (key: string, hash: number): number => {
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const number = numbers[at] as number;
      if (number === 0) return -2 - at;
      if (hashes[at] === hash && keys[number - 1] === key) return number - 1;
    }
  };
  const grow = () => {
    const [oldNumbers, oldHashes] = [numbers, hashes];
    mask = mask * 2 + 1;
    numbers = new Int32Array(mask + 1);
    hashes = new Int32Array(mask + 1);
    for (let from = 0; from < oldNumbers.length; from++) {
      if (oldNumbers[from] === 0) continue;
      let at = (oldHashes[from] as number) & mask;
      while (numbers[at] !== 0) at = (at + 1) & mask;
      numbers[at] = oldNumbers[from] as number;
      hashes[at] = oldHashes[from] as number;
    }
  };
  return {
    /** The new key's number, or NOT_FOUND when the key was there already. */
    add(key: string): number {
      if (2 * (keys.length + 1) > mask) grow();
      const hash = hashOf(key);
      const found = probe(key, hash);
      if (found >= 0) return NOT_FOUND;
      const at = -2 - found;
      numbers[at] = keys.push(key);
      hashes[at] = hash;
      return keys.length - 1;
    },
    find(key: string): number {
      const found = probe(key, hashOf(key));
      return found >= 0 ? found : NOT_FOUND;
    },
    get size() {
      return keys.length;
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
