/**
 * The control form's rules, as pure functions: the checks the server makes (so a person hears of a problem
 * before sending), the body each request sends, and the server's own refusals put back on their fields.
 */
import { isEmailAddress } from '@assay/domain/accounts/invitation.js';
import { compensationProblems, criteriaProblems } from '@assay/domain/controls/rules.js';
import type { Control as ControlDefinition } from '@assay/domain/engagement.js';
import { MAX_CONTROL_ID_LENGTH, MAX_OWNER_LENGTH, MAX_TEXT_LENGTH } from '@assay/contract/limits.js';
import { byField } from '@assay/domain/problems.js';
import { refusalOf } from '../../api/problem.js';
import type { Control, ControlChanges, ControlInput } from '../../api/controls.js';

export interface ControlFormValues extends Omit<ControlDefinition, 'owner'> {
  /** Who owns the control, ideally their sign-in email; empty for none. */
  owner: string;
}

export type ControlFormErrors = Partial<Record<keyof ControlFormValues, string>>;

export function newControlValues(): ControlFormValues {
  return { id: '', title: '', criteria: [], frequency: 'quarterly', nature: 'manual', key: true, design: 'effective', compensates: [], owner: '' };
}

export function valuesOf(control: Control): ControlFormValues {
  return {
    id: control.id,
    title: control.title,
    criteria: [...control.criteria],
    frequency: control.frequency,
    nature: control.nature,
    key: control.key,
    design: control.design,
    compensates: [...control.compensates],
    owner: control.owner ?? '',
  };
}

/**
 * Every problem with the values, by field. `controlIds` are the engagement's controls; `editing` is the id of
 * the control being changed (absent when creating one).
 */
export function validateControl(values: ControlFormValues, controlIds: readonly string[], editing?: string): ControlFormErrors {
  const errors: ControlFormErrors = {};
  const id = values.id.trim();
  if (editing === undefined) {
    if (id === '') errors.id = 'Give the control an id, e.g. AC-04';
    else if (id.length > MAX_CONTROL_ID_LENGTH) errors.id = `At most ${MAX_CONTROL_ID_LENGTH} characters`;
    else if (controlIds.includes(id)) errors.id = `A control with the id ${id} already exists in this engagement`;
  }
  const title = values.title.trim();
  if (title === '') errors.title = 'Say what the control does';
  else if (title.length > MAX_TEXT_LENGTH) errors.title = `At most ${MAX_TEXT_LENGTH} characters`;
  if (values.criteria.length === 0) errors.criteria = 'Pick at least one criterion the control addresses';
  if (values.owner.trim().length > MAX_OWNER_LENGTH) errors.owner = `At most ${MAX_OWNER_LENGTH} characters`;
  const problems = [...criteriaProblems(values.criteria), ...compensationProblems(editing ?? id, values.compensates, (c) => (controlIds.includes(c) ? 'in use' : undefined))];
  return { ...byField<keyof ControlFormValues>(problems), ...errors };
}

/**
 * What the owner field tells a person about what they typed: any text is an owner, but only a person's sign-in
 * email gives that person the owner's rights over the control, so other text is pointed out, never refused.
 */
export function ownerNote(owner: string): string {
  return owner.trim() === '' || isEmailAddress(owner)
    ? 'The owner’s email: whoever signs in with it may edit the control and state its population'
    : 'Not an email address: nobody signs in with it, so it gives nobody the owner’s rights over the control';
}

/** The body of POST …/controls. */
export function toControlInput(values: ControlFormValues): ControlInput {
  const owner = values.owner.trim();
  return { ...values, id: values.id.trim(), title: values.title.trim(), owner: owner === '' ? null : owner };
}

/** The fields of PATCH …/controls/:id that differ from the control as read (nothing when nothing changed). */
export function changesFrom(control: Control, values: ControlFormValues): ControlChanges {
  const next = toControlInput({ ...values, id: control.id });
  const changes: ControlChanges = {};
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  for (const field of ['title', 'criteria', 'frequency', 'nature', 'key', 'design', 'compensates', 'owner'] as const) {
    if (!same(control[field], next[field])) Object.assign(changes, { [field]: next[field] });
  }
  return changes;
}

/** The server's refusal (422 or 400), by field: `$.criteria[1]` → criteria. */
export function fieldErrorsOf(error: unknown): ControlFormErrors {
  const errors: ControlFormErrors = {};
  // A list (the criteria) is one field of the form: an issue with one of its entries is shown on the list.
  for (const [path, message] of Object.entries(refusalOf(error, Object.keys(newControlValues())).errors)) {
    const field = path.split('.')[0] as keyof ControlFormValues;
    errors[field] ??= message;
  }
  return errors;
}
