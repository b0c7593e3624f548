/** Monitoring in the server: an engagement's checks, the exports they read, their runs, schedule and findings. */
import type { EngagementScope } from '../engagements/engagement-scope.js';
import type { Platform } from '../platform/index.js';
import { createChecksService, type ExportStore } from './checks-service.js';
import { createCheckScheduler } from './scheduler.js';

export function createMonitoringServices(platform: Platform, options: { lookup: EngagementScope; exports: ExportStore }) {
  const { db, clock, access, audit, repositories } = platform;
  const checks = createChecksService({ ...repositories, db, access, audit, clock, ...options });
  return {
    checks,
    /** The schedule's runner for one server process (`assay serve` starts it), claiming jobs as `instance`. */
    checkScheduler: (instance: string, onError?: (checkId: string, error: unknown) => void) =>
      createCheckScheduler({ checks: repositories.checks, service: checks, clock, instance, ...(onError && { onError }) }),
  };
}

export type { CheckView, CheckSourceView, ExportStore, UploadedExport } from './checks-service.js';

/** Until the evidence store is wired: exports cannot be kept. */
export const NO_EXPORT_STORE: ExportStore = {
  add: () => Promise.reject(new Error('no evidence store')),
  copyTo: () => Promise.reject(new Error('no evidence store')),
};
