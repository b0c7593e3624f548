/** A map that forgets its least recently used entry beyond `capacity` (a Map iterates in insertion order). */
export class LruCache<V> {
  private readonly entries = new Map<string, V>();
  /**
   * The most recently used key: asking for it again moves nothing. A hot entry asked for on every request
   * would otherwise be deleted and re-inserted each time, and the Map rebuilt after every few hundred deletes.
   */
  private newest: string | undefined;

  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('An LRU cache holds at least one entry');
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined && key !== this.newest) this.touch(key, value);
    return value;
  }

  set(key: string, value: V): void {
    this.touch(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  private touch(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    this.newest = key;
  }
}
