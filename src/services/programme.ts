/**
 * Finding an engagement, a control or its test inside the organisation a request names. Anything of another
 * organisation is "not found", like the organisation itself for a non-member, so ids of other tenants reveal
 * nothing. Shared by the engagements, controls, tests and examination services.
 */
import { NotFoundError, jsonPath, ownedBy } from '../domain/index.js';
import type { ControlsRepository, StoredControl } from '../store/controls-repository.js';
import type { EngagementsRepository, StoredEngagement } from '../store/engagements-repository.js';
import type { Executor, Trx } from '../store/values.js';
import type { Actor } from './actor.js';

export interface ProgrammeLookup {
  engagement(organizationId: string, engagementId: string, trx?: Executor): Promise<StoredEngagement>;
  /**
   * The engagement, locked until `trx` ends (see the repository's `lockForChange`): the first step of every
   * change of its controls, tests and samples, so that the checks before the change still hold at its commit.
   */
  engagementForChange(organizationId: string, engagementId: string, trx: Trx): Promise<StoredEngagement>;
  /** A control by its id in the engagement (e.g. AC-04). */
  control(organizationId: string, engagementId: string, controlId: string, trx?: Executor): Promise<StoredControl>;
  /** The control, its engagement locked until `trx` ends, as for `engagementForChange`. */
  controlForChange(organizationId: string, engagementId: string, controlId: string, trx: Trx): Promise<StoredControl>;
}

export function createProgrammeLookup(deps: {
  engagements: Pick<EngagementsRepository, 'findById' | 'lockForChange'>;
  controls: Pick<ControlsRepository, 'findByCode'>;
}): ProgrammeLookup {
  const engagement = async (organizationId: string, engagementId: string, trx?: Executor) => {
    const found = await deps.engagements.findById(engagementId, trx);
    if (!found || found.organizationId !== organizationId) throw new NotFoundError(`Engagement ${engagementId}`);
    return found;
  };
  const control = async (organizationId: string, engagementId: string, controlId: string, trx?: Executor) => {
    await engagement(organizationId, engagementId, trx);
    const found = await deps.controls.findByCode(engagementId, controlId, trx);
    if (!found) throw new NotFoundError(`Control ${controlId}`);
    return found;
  };
  return {
    engagement,
    async engagementForChange(organizationId, engagementId, trx) {
      await deps.engagements.lockForChange(engagementId, trx);
      return engagement(organizationId, engagementId, trx);
    },
    control,
    async controlForChange(organizationId, engagementId, controlId, trx) {
      await deps.engagements.lockForChange(engagementId, trx);
      return control(organizationId, engagementId, controlId, trx);
    },
  };
}

/**
 * Whether the control is the actor's: its `owner` is the signed-in person's email (the domain's `ownedBy`).
 * An API token or the operator owns nothing: their grants are by role.
 */
export function ownsControl(actor: Actor, control: Pick<StoredControl, 'owner'>): boolean {
  return actor.kind === 'user' && ownedBy(control, actor.email);
}

/** The JSON path of a field of the request body, e.g. `$.samples[3].item`. */
export function at(...path: (string | number)[]): string {
  return jsonPath(path);
}
