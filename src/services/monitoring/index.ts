/** Monitoring in the server: an engagement's checks, the exports they read, their runs, schedule and findings. */
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { BlobStore, EvidenceService } from '../evidence/index.js';
import type { EngagementScope } from '../engagements/engagement-scope.js';
import type { Platform } from '../platform/index.js';
import { createChecksService, type ExportStore } from './checks-service.js';
import { createCheckScheduler } from './scheduler.js';

/**
 * The evidence store as monitoring keeps exports: each a piece of evidence with source `export`, for the check's
 * controls, and read back by its hash.
 */
export function evidenceExports(evidence: Pick<EvidenceService, 'add'>, blobs: Pick<BlobStore, 'get'>): ExportStore {
  return {
    async add(actor, input) {
      const { organizationId, engagementId, fileName, mediaType, path, controls } = input;
      const record = await evidence.add(actor, organizationId, engagementId, { content: createReadStream(path), fileName, mediaType, controls, source: 'export' });
      return { id: record.id, sha256: record.sha256 };
    },
    copyTo: async (sha256, path) => pipeline(await blobs.get(sha256), createWriteStream(path)),
  };
}

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

