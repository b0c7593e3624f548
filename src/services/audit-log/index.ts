/** The audit log as people read it (events, a control's history) and as it is proven whole (the chain, checkpoints). */
import { createAuditCheckpointsRepository } from '../../store/audit-checkpoints-repository.js';
import type { EngagementScope } from '../engagements/engagement-scope.js';
import type { Platform } from '../platform/index.js';
import { createAuditService } from './audit-service.js';
import { createIntegrityService } from './integrity-service.js';

export function createAuditLogServices(platform: Platform, engagements: { lookup: EngagementScope }) {
  const { db, deps, clock, access, repositories } = platform;
  return {
    auditEvents: createAuditService({ ...repositories, access, lookup: engagements.lookup }),
    integrity: createIntegrityService({ ...repositories, checkpoints: createAuditCheckpointsRepository(db, deps), access, clock }),
  };
}
