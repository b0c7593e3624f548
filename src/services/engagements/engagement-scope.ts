/**
 * The engagement scope: an engagement, a control or its test found inside the organisation a request names.
 * Anything of another organisation is "not found", like the organisation itself for a non-member, so ids of other
 * tenants reveal nothing. Every service that reads or changes what an engagement holds goes through it.
 */
import { ConflictError, NotFoundError, jsonPath, ownedBy } from '../../domain/index.js';
import type { ControlsRepository, StoredControl } from '../../store/controls-repository.js';
import type { EngagementsRepository, StoredEngagement } from '../../store/engagements-repository.js';
import type { Executor, Trx } from '../../store/values.js';
import { personOf, type Actor } from '../platform/actor.js';

/**
 * What a change may find archived: nothing (the default: archived data is read-only), or the subject itself,
 * for archiving, restoring and purging it (a control's engagement must still be in use).
 */
export interface ChangeOptions {
  archived?: 'refuse' | 'subject';
}

export interface EngagementScope {
  engagement(organizationId: string, engagementId: string, trx?: Executor): Promise<StoredEngagement>;
  /**
   * The engagement, locked until `trx` ends (see the repository's `lockForChange`): the first step of every
   * change of its controls, tests and samples, so that the checks before the change still hold at its commit.
   * An archived engagement is refused (ConflictError: it is read-only) unless `archived` says otherwise.
   */
  engagementForChange(organizationId: string, engagementId: string, trx: Trx, options?: ChangeOptions): Promise<StoredEngagement>;
  /** A control by its id in the engagement (e.g. AC-04). */
  control(organizationId: string, engagementId: string, controlId: string, trx?: Executor): Promise<StoredControl>;
  /** The control, its engagement locked until `trx` ends, as for `engagementForChange`; an archived one refused as there. */
  controlForChange(organizationId: string, engagementId: string, controlId: string, trx: Trx, options?: ChangeOptions): Promise<StoredControl>;
}

/** Why an archived engagement or control cannot be changed, and what would make it changeable. */
export function archivedConflict(what: string, archivedAt: string): ConflictError {
  return new ConflictError(`${what} is archived (since ${archivedAt}): it is read-only until an admin restores it`);
}

export function createEngagementScope(deps: {
  engagements: Pick<EngagementsRepository, 'findById' | 'lockForChange'>;
  controls: Pick<ControlsRepository, 'findByCode'>;
}): EngagementScope {
  const engagement = async (organizationId: string, engagementId: string, trx?: Executor) => {
    const found = await deps.engagements.findById(engagementId, trx);
    if (!found || found.organizationId !== organizationId) throw new NotFoundError(`Engagement ${engagementId}`);
    return found;
  };
  const controlOf = async (engagementId: string, controlId: string, trx?: Executor) => {
    const found = await deps.controls.findByCode(engagementId, controlId, trx);
    if (!found) throw new NotFoundError(`Control ${controlId}`);
    return found;
  };
  const control = async (organizationId: string, engagementId: string, controlId: string, trx?: Executor) => {
    await engagement(organizationId, engagementId, trx);
    return controlOf(engagementId, controlId, trx);
  };
  const engagementForChange = async (organizationId: string, engagementId: string, trx: Trx, options: ChangeOptions = {}) => {
    await deps.engagements.lockForChange(engagementId, trx);
    const found = await engagement(organizationId, engagementId, trx);
    if (found.archivedAt !== null && options.archived !== 'subject') throw archivedConflict(`The engagement "${found.name}"`, found.archivedAt);
    return found;
  };
  return {
    engagement,
    engagementForChange,
    control,
    async controlForChange(organizationId, engagementId, controlId, trx, options = {}) {
      await engagementForChange(organizationId, engagementId, trx);
      const found = await controlOf(engagementId, controlId, trx);
      if (found.archivedAt !== null && options.archived !== 'subject') throw archivedConflict(`Control ${controlId}`, found.archivedAt);
      return found;
    },
  };
}

/**
 * Whether the control is the actor's: its `owner` is the email of the person acting (signed in, or through a
 * token they created), by the domain's `ownedBy`. The operator owns nothing: its grant is by role.
 */
export function ownsControl(actor: Actor, control: Pick<StoredControl, 'owner'>): boolean {
  const person = personOf(actor);
  return person !== null && ownedBy(control, person.email);
}

/** The JSON path of a field of the request body, e.g. `$.samples[3].item`. */
export function at(...path: (string | number)[]): string {
  return jsonPath(path);
}
