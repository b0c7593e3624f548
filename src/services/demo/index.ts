/** The demo: a seeded organisation on an installation that holds nothing else. */
import { createInstanceRepository } from '../../store/instance-repository.js';
import type { UsersService } from '../accounts/users-service.js';
import type { WorkspaceService } from '../engagements/workspace-service.js';
import type { Platform } from '../platform/index.js';
import { createDemoService } from './demo-service.js';

export function createDemoServices(
  platform: Platform,
  uses: { workspace: WorkspaceService; users: UsersService },
) {
  return {
    demo: createDemoService({ ...platform.repositories, instance: createInstanceRepository(platform.db), ...uses }),
  };
}
