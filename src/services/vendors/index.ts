/** Vendors: the inventory, reviews, SOC 2 reports and the risks they raise into the register. */
import { createRisksRepository } from '../../store/risks-repository.js';
import { createVendorsRepository } from '../../store/vendors-repository.js';
import type { EngagementScope } from '../engagements/engagement-scope.js';
import type { Platform } from '../platform/index.js';
import { createVendorsService } from './vendors-service.js';

export function createVendorServices(platform: Platform, options: { lookup: EngagementScope }) {
  const { db, clock, access, audit, repositories, deps } = platform;
  return {
    vendors: createVendorsService({
      db,
      vendors: createVendorsRepository(db, deps),
      risks: createRisksRepository(db, deps),
      controls: repositories.controls,
      access,
      audit,
      clock,
      ...options,
    }),
  };
}

export type { VendorInput, VendorReportInput, VendorReportView, VendorView } from './vendors-service.js';
