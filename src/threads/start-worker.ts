/**
 * Starts a worker thread from a module beside the caller: the compiled module, or under the test runner and the
 * benchmarks, which run the TypeScript sources, the source through tsx's loader (a worker does not take the main
 * thread's).
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** `caller` is the starting module's `import.meta.url`; `name` the worker module's file name beside it, without extension. */
export function startWorker(caller: string, name: string, options: WorkerOptions = {}): Worker {
  if (!caller.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, caller), options);
  const source = JSON.stringify(new URL(`./${name}.ts`, caller).href);
  return new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${source}); });`, { ...options, eval: true });
}
