/**
 * A worker thread of render-in-worker.ts: renders each report it is sent, one at a time, through `renderReport`, posting its
 * progress (at most once a hundredth) and then its bytes, or what went wrong as plain values: an error's class does
 * not cross the thread boundary, so a refusal of the input travels as its issues.
 */
import { parentPort } from 'node:worker_threads';
import { ValidationError } from '../domain/index.js';
import type { RenderFailure, RenderReply, RenderRequest } from './render-in-worker.js';
import { renderReport } from './render-report.js';

function failure(error: unknown): RenderFailure {
  if (error instanceof ValidationError) return { message: error.message, issues: error.issues, summary: error.summary };
  if (error instanceof Error) return { message: error.message, stack: error.stack };
  return { message: String(error) };
}

const reply = (message: RenderReply) => parentPort?.postMessage(message);

parentPort?.on('message', ({ type, format, data, options }: RenderRequest) => {
  let hundredths = -1;
  const onProgress = (done: number) => {
    const now = Math.floor(done * 100);
    if (now === hundredths) return;
    hundredths = now;
    reply({ progress: done });
  };
  renderReport(type, format, data, { ...options, onProgress }).then(
    (bytes) => reply({ bytes }),
    (error: unknown) => reply({ failure: failure(error) }),
  );
});
