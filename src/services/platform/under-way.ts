/**
 * Work under way, by key: whoever asks for a key while its work runs shares that promise instead of starting the
 * same work again, and the key is free once the work has settled (fulfilled or not).
 */
export class UnderWay<T> {
  private readonly running = new Map<string, Promise<T>>();

  get size(): number {
    return this.running.size;
  }

  /** The promise of the work under way for `key`, if any. */
  get(key: string): Promise<T> | undefined {
    return this.running.get(key);
  }

  has(key: string): boolean {
    return this.running.has(key);
  }

  /** Starts `work` for `key`; its promise is the one under way for `key` until it settles. */
  start(key: string, work: () => Promise<T>): Promise<T> {
    const promise: Promise<T> = work().finally(() => {
      if (this.running.get(key) === promise) this.running.delete(key);
    });
    this.running.set(key, promise);
    return promise;
  }

  /** Resolves once no work is under way, including work started while waiting (rejects as the first failure). */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running.values());
  }
}
