/** A report jobs service over a fresh world, for the service's tests and the report benchmark. */
import { randomUUID } from 'node:crypto';
import type { ReportData } from '../../reports/documents/index.js';
import type { renderReport } from '../../reports/render-report.js';
import type { Store } from '../../store/database.js';
import { createReportJobsRepository } from '../../store/report-jobs-repository.js';
import { createRisksRepository } from '../../store/risks-repository.js';
import { createEngagementScope } from '../engagements/engagement-scope.js';
import { createAccess } from '../platform/access.js';
import { createPlatform } from '../platform/index.js';
import { createAuditLog } from '../platform/audit.js';
import { findingsWorld } from '../testing.js';
import { createReportDataLoader } from './report-data.js';
import { createReportJobsService, type REPORT_JOB_LIMITS } from './report-jobs-service.js';

/**
 * The world's services, and a report jobs service whose data loads only when the test lets it: the engagement's from
 * the database, or `data` when given (a large engagement, which would take long to write).
 */
export async function jobsWorld(
  store: Store,
  options: { render?: typeof renderReport; clock?: () => Date; limits?: Partial<Record<keyof typeof REPORT_JOB_LIMITS, number>>; data?: ReportData } = {},
) {
  const world = await findingsWorld(store);
  const { db } = store;
  const clock = options.clock ?? (() => new Date());
  const { repositories } = createPlatform(store, { clock, newId: randomUUID });
  const loader = createReportDataLoader({ ...repositories, risks: createRisksRepository(db), clock });
  let release: () => void = () => undefined;
  let refuse: (error: Error) => void = () => undefined;
  let gate = Promise.resolve();
  const errors: unknown[] = [];
  const loaded: ReportData[] = [];
  const gated = {
    async load(organizationId: string, engagementId: string) {
      await gate;
      const data = options.data ?? (await loader.load(organizationId, engagementId));
      loaded.push(data);
      return data;
    },
  };
  const repository = createReportJobsRepository(db);
  const jobs = createReportJobsService({
    db,
    jobs: repository,
    loader: gated,
    lookup: createEngagementScope(repositories),
    access: createAccess(repositories),
    audit: createAuditLog(repositories),
    clock,
    newId: randomUUID,
    onError: (_job, error) => errors.push(error),
    ...(options.render && { render: options.render }),
    ...(options.limits && { limits: options.limits }),
  });
  return {
    ...world,
    jobs,
    repository,
    loaded,
    errors,
    /** Holds every job's data until `release()`, or fails it with `refuse(error)`. */
    hold() {
      gate = new Promise((resolve, reject) => {
        release = resolve;
        refuse = reject;
      });
    },
    release: () => release(),
    refuse: (error: Error) => refuse(error),
  };
}
