/**
 * What every capability shares, built once over one store: the database, the clock and ids, access, the audit
 * log, and the repositories more than one capability reads. A repository that only one capability reads is built
 * in that capability's `index.ts`.
 */
import { createAuditRepository } from '../../store/audit-repository.js';
import { createChecksRepository } from '../../store/checks-repository.js';
import { createControlsRepository } from '../../store/controls-repository.js';
import type { Store } from '../../store/database.js';
import { createEngagementsRepository } from '../../store/engagements-repository.js';
import { createDescriptionRepository } from '../../store/description-repository.js';
import { createFindingsRepository } from '../../store/findings-repository.js';
import { createManagementResponsesRepository } from '../../store/management-responses-repository.js';
import { createMembershipsRepository } from '../../store/memberships-repository.js';
import { createOrganizationsRepository } from '../../store/organizations-repository.js';
import { createRemediationPlansRepository } from '../../store/remediation-plans-repository.js';
import { createSnapshotsRepository } from '../../store/snapshots-repository.js';
import type { StoreDependencies } from '../../store/values.js';
import { createAccess } from './access.js';
import { createAuditLog } from './audit.js';

export function createPlatform(store: Store, deps: StoreDependencies) {
  const { db } = store;
  const repositories = {
    organizations: createOrganizationsRepository(db, deps),
    memberships: createMembershipsRepository(db, deps),
    audit: createAuditRepository(db, deps),
    engagements: createEngagementsRepository(db, deps),
    controls: createControlsRepository(db, deps),
    snapshots: createSnapshotsRepository(db, deps),
    findings: createFindingsRepository(db, deps),
    responses: createManagementResponsesRepository(db, deps),
    plans: createRemediationPlansRepository(db, deps),
    /** Read by monitoring and by the workspace import and export. */
    checks: createChecksRepository(db, deps),
    /** Read by the system description and by the documents written from it. */
    descriptions: createDescriptionRepository(db, deps),
  };
  return {
    db,
    /** The clock and the id generator, as the repositories a capability builds take them. */
    deps,
    clock: deps.clock,
    access: createAccess(repositories),
    audit: createAuditLog(repositories),
    repositories,
  };
}

export type Platform = ReturnType<typeof createPlatform>;
