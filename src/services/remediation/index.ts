/** Remediation: an engagement's plan for its corrective actions, and the reminders sent to its webhook. */
import type { EngagementScope } from '../engagements/engagement-scope.js';
import type { Platform } from '../platform/index.js';
import { createRemediationService, type WebhookSettings } from './remediation-service.js';

export function createRemediationServices(platform: Platform, options: { lookup: EngagementScope; webhooks?: WebhookSettings }) {
  const { db, clock, access, audit, repositories } = platform;
  return {
    remediation: createRemediationService({ ...repositories, db, access, audit, clock, ...options }),
  };
}
