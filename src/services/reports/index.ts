/** Reports made from the database: report sections, the documents (as jobs), and OSCAL documents out and findings in. */
import { createWorkerRenderer } from '../../reports/render-in-worker.js';
import { createReportJobsRepository } from '../../store/report-jobs-repository.js';
import type { EngagementScope } from '../engagements/engagement-scope.js';
import type { Platform } from '../platform/index.js';
import type { BlobStore } from '../../store/blobs.js';
import { createEvidenceRepository } from '../../store/evidence-repository.js';
import { createRisksRepository } from '../../store/risks-repository.js';
import { createPackageService } from './package-service.js';
import { createOscalService } from './oscal-service.js';
import { createReportDataLoader } from './report-data.js';
import { createReportJobsService } from './report-jobs-service.js';
import { createReportService } from './report-service.js';

export function createReportServices(platform: Platform, options: { lookup: EngagementScope; renderTimeLimitMs?: number }) {
  const { db, clock, access, audit, repositories } = platform;
  const common = { ...repositories, db, access, lookup: options.lookup };
  return {
    reports: createReportService(common),
    oscal: createOscalService({ ...common, audit, clock }),
    reportJobs: createReportJobsService({
      db,
      jobs: createReportJobsRepository(db, platform.deps),
      loader: createReportDataLoader({ ...repositories, risks: createRisksRepository(db, platform.deps), clock }),
      lookup: options.lookup,
      access,
      audit,
      clock,
      newId: platform.deps.newId,
      // Its own threads only when given another limit: otherwise the process's renderer, shared.
      ...(options.renderTimeLimitMs !== undefined && { render: createWorkerRenderer({ timeLimitMs: options.renderTimeLimitMs }) }),
    }),
  };
}

/** The auditor's package: the evidence records read here, their bytes from the evidence store's blobs. */
export function createPackageServices(platform: Platform, options: { lookup: EngagementScope; blobs: BlobStore }) {
  const { db, deps, clock, access, audit, repositories } = platform;
  return {
    packages: createPackageService({ ...repositories, db, clock, access, auditLog: audit, evidence: createEvidenceRepository(db, deps), blobs: options.blobs, lookup: options.lookup }),
  };
}
