/** The demo: a seeded organisation on an installation that holds nothing else. */
import { createInstanceRepository } from '../../store/instance-repository.js';
import type { UsersService } from '../accounts/users-service.js';
import type { DescriptionService } from '../description/description-service.js';
import type { WorkspaceService } from '../engagements/workspace-service.js';
import type { Platform } from '../platform/index.js';
import type { RisksService } from '../risks/risks-service.js';
import type { VendorsService } from '../vendors/vendors-service.js';
import { createDemoService } from './demo-service.js';

export function createDemoServices(
  platform: Platform,
  uses: { workspace: WorkspaceService; users: UsersService; description: DescriptionService; risks: RisksService; vendors: VendorsService },
) {
  return {
    demo: createDemoService({ ...platform.repositories, instance: createInstanceRepository(platform.db), ...uses }),
  };
}
