/** The system description: its sections, its warnings, and the findings marked significant incidents. */
import type { EngagementScope } from '../engagements/engagement-scope.js';
import type { Platform } from '../platform/index.js';
import { createDescriptionService } from './description-service.js';

export function createDescriptionServices(platform: Platform, engagements: { lookup: EngagementScope }) {
  const { db, access, audit, repositories } = platform;
  return {
    description: createDescriptionService({ db, descriptions: repositories.descriptions, findings: repositories.findings, engagements: repositories.engagements, access, audit, lookup: engagements.lookup }),
  };
}
