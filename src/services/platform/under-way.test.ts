import { describe, expect, it } from 'vitest';
import { UnderWay } from './under-way.js';

/** A promise and the hands that settle it. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

describe('UnderWay', () => {
  it('hands the work under way to whoever asks for its key, and frees the key once it is done', async () => {
    const underWay = new UnderWay<number>();
    const work = deferred<number>();
    const started = underWay.start('a', () => work.promise);
    expect(underWay.get('a')).toBe(started);
    expect(underWay.has('b')).toBe(false);
    work.resolve(7);
    expect(await started).toBe(7);
    expect(underWay.has('a')).toBe(false);
    expect(underWay.size).toBe(0);
  });

  it('frees the key of work that failed, and passes the failure on', async () => {
    const underWay = new UnderWay<number>();
    const started = underWay.start('a', () => Promise.reject(new Error('broken')));
    await expect(started).rejects.toThrow('broken');
    expect(underWay.has('a')).toBe(false);
  });

  it('keeps the newer work of a key when older work for it ends later', async () => {
    const underWay = new UnderWay<string>();
    const older = deferred<string>();
    const newer = deferred<string>();
    const first = underWay.start('a', () => older.promise);
    const second = underWay.start('a', () => newer.promise);
    older.resolve('old');
    await first;
    expect(underWay.get('a')).toBe(second);
    newer.resolve('new');
    await second;
    expect(underWay.has('a')).toBe(false);
  });

  it('settles once every work has ended, also work started while it waited', async () => {
    const underWay = new UnderWay<void>();
    const first = deferred<void>();
    const later = deferred<void>();
    underWay.start('a', () => first.promise.then(() => void underWay.start('b', () => later.promise)));
    let settled = false;
    const waiting = underWay.settled().then(() => (settled = true));
    first.resolve();
    await new Promise((next) => setImmediate(next));
    expect(settled).toBe(false);
    later.resolve();
    await waiting;
    expect(underWay.size).toBe(0);
  });
});
