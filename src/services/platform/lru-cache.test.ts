import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LruCache } from './lru-cache.js';

/** The rule, stated plainly: keys from least to most recently used, the least recent forgotten beyond capacity. */
class ModelLru {
  order: [string, number][] = [];
  constructor(private readonly capacity: number) {}
  get(key: string): number | undefined {
    const at = this.order.findIndex(([k]) => k === key);
    if (at === -1) return undefined;
    const [entry] = this.order.splice(at, 1);
    this.order.push(entry!);
    return entry![1];
  }
  set(key: string, value: number): void {
    this.order = this.order.filter(([k]) => k !== key);
    this.order.push([key, value]);
    if (this.order.length > this.capacity) this.order.shift();
  }
}

describe('LruCache', () => {
  it('keeps and forgets exactly the entries a least-recently-used rule does, whatever the sequence of uses', () => {
    const operation = fc.oneof(
      fc.record({ op: fc.constant('get' as const), key: fc.constantFrom('a', 'b', 'c', 'd', 'e') }),
      fc.record({ op: fc.constant('set' as const), key: fc.constantFrom('a', 'b', 'c', 'd', 'e'), value: fc.integer() }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(operation, { maxLength: 60 }), (capacity, operations) => {
        const cache = new LruCache<number>(capacity);
        const model = new ModelLru(capacity);
        for (const o of operations) {
          if (o.op === 'get') expect(cache.get(o.key)).toBe(model.get(o.key));
          else {
            cache.set(o.key, o.value);
            model.set(o.key, o.value);
          }
          expect(cache.size).toBe(model.order.length);
        }
        for (const [key, value] of model.order) expect(cache.get(key)).toBe(value);
      }),
    );
  });

  it('refuses a capacity below one', () => {
    expect(() => new LruCache(0)).toThrow(RangeError);
  });
});
