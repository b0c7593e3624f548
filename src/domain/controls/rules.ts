/**
 * What a control may say of itself, checked alike by the workspace, the API and the web form: the criteria it
 * addresses are the catalogue's and it compensates only other controls of its engagement; and who owns it.
 */
import { sameEmail } from '../accounts/invitation.js';
import { criterionProblems } from '../criteria/scope.js';
import { within, type Problem } from '../problems.js';

/**
 * Each criterion the control lists is the catalogue's (it may address criteria of categories the engagement did
 * not choose). Entries that are undefined are left to the check of the shape.
 */
export function criteriaProblems(criteria: readonly (string | undefined)[]): Problem[] {
  return within(['criteria'], criterionProblems(criteria));
}

/** Where a control of the engagement stands: in use, archived (kept as evidence, read-only), or not there. */
export type ControlStanding = 'in use' | 'archived' | undefined;

/**
 * A control compensates only other controls of its engagement that are in use (`standing` says where an id
 * stands); a control that compensated itself would be relied on to make up for its own failure.
 */
export function compensationProblems(
  controlId: string | undefined,
  compensates: readonly (string | undefined)[],
  standing: (id: string) => ControlStanding,
): Problem[] {
  return compensates.flatMap((target, i): Problem[] => {
    if (target === undefined) return [];
    const path = ['compensates', i];
    if (target === controlId) return [{ path, message: `a control cannot compensate itself ("${target}")` }];
    const where = standing(target);
    if (where === 'archived') return [{ path, message: `compensates "${target}", which is archived: restore it first` }];
    if (where === undefined) return [{ path, message: `compensates an unknown control "${target}"` }];
    return [];
  });
}

/**
 * Whether the control belongs to the person signed in as `email`: its owner is that email, compared as emails
 * are. An owner that is not someone's sign-in email (a team's name) gives nobody the owner role's rights over it.
 */
export function ownedBy(control: { owner: string | null }, email: string | null | undefined): boolean {
  return Boolean(control.owner && email && sameEmail(control.owner, email));
}
