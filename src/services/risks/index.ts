/** The risk register: risks of an engagement, assessed against what testing and monitoring found. */
import { createRisksRepository } from '../../store/risks-repository.js';
import type { EngagementScope } from '../engagements/engagement-scope.js';
import type { ExaminationService } from '../engagements/examination-service.js';
import type { Platform } from '../platform/index.js';
import { createRisksService } from './risks-service.js';

export function createRiskServices(platform: Platform, options: { lookup: EngagementScope; examination: Pick<ExaminationService, 'current'> }) {
  const { db, clock, access, audit, repositories, deps } = platform;
  const risks = createRisksRepository(db, deps);
  return { risks: createRisksService({ db, risks, findings: repositories.findings, checks: repositories.checks, access, audit, clock, ...options }) };
}

export type { RiskInput, RiskRegister, RiskView } from './risks-service.js';
