/**
 * The auditor's independence over what it records (reference: the service auditor tests and concludes; management
 * does not grade its own controls).
 *
 * A sample's result is recorded by someone holding `test.record`, whose role at the time is kept with it. Once the
 * auditor has recorded a result, changing it (its pass or fail, or its note), or retiring it with its test, takes
 * `result.amend` (the permission table says who holds it: the auditor, and the admin). Anyone other than the role
 * that recorded it also says why, so an admin's correction of the auditor's record is never silent.
 */
import { can, describeGrant, shownRole, type Grant, type Role } from './access/permissions.js';
import type { Problem } from './problems.js';

/** Whether a result recorded by `recordedBy` is the auditor's, which the organisation's roles cannot change. */
export function isAuditorsRecord(recordedBy: Role | null): boolean {
  return recordedBy === 'auditor';
}

/**
 * Why `grant` may not change (or retire) a result `recordedBy` recorded, or null when it may. `what` names the
 * result in the refusal ("the result of T-0002").
 */
export function resultChangeRefusal(recordedBy: Role | null, grant: Grant, what: string): string | null {
  if (!isAuditorsRecord(recordedBy) || can(grant, 'result.amend')) return null;
  return (
    `The auditor recorded ${what}: ${describeGrant(grant)} cannot change it, as the examination rests on the auditor's ` +
    'independent record (only the auditor, or an admin giving a reason, can)'
  );
}

/**
 * Problems with a change of the auditor's record by someone allowed to make it: anyone but the auditor itself
 * (an admin) gives a reason, at `reason`, which the audit event keeps.
 */
export function resultChangeProblems(recordedBy: Role | null, grant: Grant, what: string, reason: string | null): Problem[] {
  if (!isAuditorsRecord(recordedBy) || shownRole(grant) === recordedBy || (reason ?? '').trim() !== '') return [];
  return [{ path: ['reason'], message: `the auditor recorded ${what}: say why you change it (the reason goes into the control's history)` }];
}

/**
 * Why `grant` may not retire a test's results by starting a new test version over them (the auditor's among them),
 * or null when it may. `recordedBy` is who recorded each sample's result, by item.
 */
export function retireRefusal(grant: Grant, test: { samples: readonly { item: string }[]; recordedBy: Readonly<Record<string, Role>> }): string | null {
  const auditors = test.samples.filter((s) => isAuditorsRecord(test.recordedBy[s.item] ?? null)).map((s) => s.item);
  const refusal = auditors.length === 0 ? null : resultChangeRefusal('auditor', grant, `the results of ${auditors.join(', ')}`);
  return refusal && `${refusal}; a new test version would retire them`;
}
