/**
 * Threads started for a workspace before the command's modules load (early-pool.ts) are taken only by the load of
 * that folder and those files, which then gives what one thread gives; any others are closed, and the load judges
 * what it lists itself.
 */
import { describe, expect, it, vi } from 'vitest';
import type { TestPool } from './test-pool.js';
import { startTestPoolEarly, takeEarlyTestPool } from './early-pool.js';
import { listYamlTree } from './list.js';
import { loadWorkspace } from './load.js';
import { VALID_ASSAY, writeWorkspace } from './testing.js';

const pools = vi.hoisted(() => ({ started: 0, closed: 0 }));
vi.mock('./test-pool.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./test-pool.js')>();
  return {
    ...actual,
    startTestPool: (...args: Parameters<typeof actual.startTestPool>): TestPool => {
      pools.started++;
      const pool = actual.startTestPool(...args);
      return {
        [Symbol.asyncIterator]: () => pool[Symbol.asyncIterator](),
        close: () => {
          pools.closed++;
          return pool.close();
        },
      };
    },
  };
});

/** Enough test files for threads (POOL_FROM_TESTS), a few of them wrong in ways each thread must leave to the validator. */
async function largeWorkspace(): Promise<string> {
  const files: Record<string, string> = { 'assay.yaml': VALID_ASSAY };
  for (let i = 0; i < 300; i++) {
    const id = `C-${String(i).padStart(3, '0')}`;
    files[`controls/${id}.yaml`] = `id: ${id}\ntitle: Control ${id}\ncriteria: [CC6.2]\nfrequency: event\nnature: manual\n`;
    files[`tests/${id}.yaml`] = `control: ${id}\nmethod: inspection\npopulationSize: 10\nsamples:\n  - item: T-1\n    result: ${i % 7 === 0 ? 'fail' : 'pass'}\n`;
  }
  Object.assign(files, {
    'tests/C-010.yaml': 'control: C-010\nmethod: inspection\nsamples:\n  - item: T-1\n    result: maybe\n',
    'tests/C-150.yaml': 'control: &c C-150\nmethod: [inspection\n',
    'tests/C-299.yaml': 'control: C-999\nmethod: inspection\n',
  });
  return writeWorkspace(files);
}

const settled = (load: Promise<unknown>) => load.catch((error: unknown) => error);
const inOneThread = (dir: string) => settled(loadWorkspace(dir, { testPool: { from: Infinity } }));

describe('threads started before the command loads', () => {
  it('are taken by the load of their folder, which starts none and lists the same problems as one thread', async () => {
    const dir = await largeWorkspace();
    const before = { ...pools };
    startTestPoolEarly(dir);
    const early = await settled(loadWorkspace(dir));
    expect(pools.started - before.started).toBe(1);
    expect(pools.closed - before.closed).toBe(1);
    expect((early as { issues: unknown[] }).issues.length).toBeGreaterThanOrEqual(3);
    expect(early).toEqual(await inOneThread(dir));
  });

  it('give a valid workspace as one thread does', async () => {
    const dir = await largeWorkspace();
    const { writeFile } = await import('node:fs/promises');
    await writeFile(`${dir}/tests/C-010.yaml`, 'control: C-010\nmethod: inspection\npopulationSize: 3\n');
    await writeFile(`${dir}/tests/C-150.yaml`, 'control: C-150\nmethod: inspection\npopulationSize: 3\n');
    await writeFile(`${dir}/tests/C-299.yaml`, 'control: C-299\nmethod: inspection\npopulationSize: 3\n');
    startTestPoolEarly(dir);
    const early = await loadWorkspace(dir);
    expect(early.tests).toHaveLength(300);
    expect(early).toEqual(await inOneThread(dir));
  });

  it('for another folder are closed, and the load judges its own folder with threads of its own', async () => {
    const [dir, other] = await Promise.all([largeWorkspace(), largeWorkspace()]);
    const before = { ...pools };
    startTestPoolEarly(other);
    const loaded = await settled(loadWorkspace(dir));
    expect(pools.started - before.started).toBe(2);
    expect(pools.closed - before.closed).toBe(2);
    expect(loaded).toEqual(await inOneThread(dir));
  });

  it('for other files than the loader lists are closed and not taken', async () => {
    const dir = await largeWorkspace();
    const files = await listYamlTree(dir, 'tests');
    const before = { ...pools };
    startTestPoolEarly(dir);
    expect(await takeEarlyTestPool(dir, files.slice(1))).toBeNull();
    expect(pools.closed - before.closed).toBe(1);
    expect(await takeEarlyTestPool(dir, files)).toBeNull();
  });

  it('are closed by the means their start returns when no load takes them, and none are then left to take', async () => {
    const dir = await largeWorkspace();
    const files = await listYamlTree(dir, 'tests');
    const before = { ...pools };
    const close = startTestPoolEarly(dir);
    await close();
    expect(pools.started - before.started).toBe(1);
    expect(pools.closed - before.closed).toBe(1);
    expect(await takeEarlyTestPool(dir, files)).toBeNull();
  });

  it('are not started for a workspace too small for threads, nor for a folder that does not exist', async () => {
    const small = await writeWorkspace({ 'assay.yaml': VALID_ASSAY });
    const before = { ...pools };
    await startTestPoolEarly(small)();
    await startTestPoolEarly(`${small}/missing`)();
    expect(pools.started - before.started).toBe(0);
  });
});
