/** Period coverage: the occurrences each periodic control owes over the period and the evidence covering them. */
import type { EngagementScope } from '../engagements/engagement-scope.js';
import type { Platform } from '../platform/index.js';
import { createCoverageService } from './coverage-service.js';

export function createCoverageServices(platform: Platform, engagements: { lookup: EngagementScope }) {
  const { access, repositories } = platform;
  return { coverage: createCoverageService({ ...repositories, access, lookup: engagements.lookup }) };
}
