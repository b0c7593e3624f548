/** Findings: derived, authored and worked through their lifecycle, traced to root causes, with management's responses. */
import type { EngagementScope } from '../engagements/engagement-scope.js';
import type { Platform } from '../platform/index.js';
import { createFindingsService } from './findings-service.js';
import { createManagementResponsesService } from './management-responses-service.js';

export function createFindingsServices(platform: Platform, engagements: { lookup: EngagementScope }) {
  const { db, clock, access, audit, repositories } = platform;
  const common = { ...repositories, auditEvents: repositories.audit, db, access, audit, lookup: engagements.lookup, clock };
  return {
    findings: createFindingsService(common),
    managementResponses: createManagementResponsesService(common),
  };
}
