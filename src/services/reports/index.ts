/** Reports made from the database: report sections, and OSCAL documents out and findings in. */
import type { EngagementScope } from '../engagements/engagement-scope.js';
import type { Platform } from '../platform/index.js';
import { createOscalService } from './oscal-service.js';
import { createReportService } from './report-service.js';

export function createReportServices(platform: Platform, engagements: { lookup: EngagementScope }) {
  const { db, clock, access, audit, repositories } = platform;
  const common = { ...repositories, db, access, lookup: engagements.lookup };
  return {
    reports: createReportService(common),
    oscal: createOscalService({ ...common, audit, clock }),
  };
}
