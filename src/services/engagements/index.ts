/**
 * Engagements and what they hold: their settings and periods, controls, tests and samples, the examination of
 * them, archiving, the workspace import and export, and a first run (the starter set, a zipped workspace). The
 * examination service caches evaluations per process, so it is built once here and shared by the controls
 * service (conclusions in control lists).
 */
import type { Platform } from '../platform/index.js';
import type { SignupPolicy } from '../accounts/signup-policy.js';
import { createArchiveService } from './archive-service.js';
import { createControlTestsService } from './control-tests-service.js';
import { createControlsService } from './controls-service.js';
import { createEngagementScope } from './engagement-scope.js';
import { createEngagementsService } from './engagements-service.js';
import { createExaminationService } from './examination-service.js';
import { createNotApplicableService } from './not-applicable-service.js';
import { createNotApplicableProposalsRepository } from '../../store/not-applicable-proposals-repository.js';
import { createPeriodsService } from './periods-service.js';
import { createStarterService } from './starter-service.js';
import { createWorkspaceService } from './workspace-service.js';
import { createStatementsImport } from './workspace-statements.js';
import { createEvidenceRepository } from '../../store/evidence-repository.js';
import { createRisksRepository } from '../../store/risks-repository.js';
import { createVendorsRepository } from '../../store/vendors-repository.js';

export function createEngagementServices(platform: Platform, options: { signup: SignupPolicy; maxExportBytes?: number }) {
  const { db, deps, clock, access, audit, repositories } = platform;
  const common = { ...repositories, db, access, audit };
  const lookup = createEngagementScope(repositories);
  const examination = createExaminationService({ ...repositories, access });
  const register = { risks: createRisksRepository(db, deps), vendors: createVendorsRepository(db, deps) };
  const evidence = createEvidenceRepository(db, deps);
  const statements = createStatementsImport({ ...repositories, ...register, audit, clock });
  const workspace = createWorkspaceService({ ...common, statements, signup: options.signup, store: deps });
  return {
    lookup,
    engagements: createEngagementsService({ ...common, lookup }),
    archive: createArchiveService({ ...common, ...register, evidence, lookup, clock, ...(options.maxExportBytes !== undefined && { maxExportBytes: options.maxExportBytes }) }),
    controls: createControlsService({ ...common, lookup, examination }),
    tests: createControlTestsService({ ...common, lookup }),
    examination,
    periods: createPeriodsService({ ...common, lookup, store: deps }),
    workspace,
    starter: createStarterService({ ...common, lookup, workspace, signup: options.signup }),
    notApplicable: createNotApplicableService({ ...common, lookup, proposals: createNotApplicableProposalsRepository(db, deps) }),
  };
}
